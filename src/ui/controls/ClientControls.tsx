import { type FormEvent, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { act } from '../../store/simController.ts';
import { clearActionErrors, useSim } from '../../store/simStore.ts';
import { type MessageKey, useLanguage, useT } from '../i18n/index.ts';
import { localizeValidation } from '../i18n/validation.ts';
import { ActionErrors, useNodeNames } from './shared.tsx';

const SOURCE = 'register';

interface FormValues {
  service: string;
  group: string;
  ip: string;
  port: string;
  cluster: string;
  weight: string;
  metadata: string;
  via: string;
  lightBeat: boolean;
}

type TextField = Exclude<keyof FormValues, 'lightBeat'>;

const INITIAL: FormValues = {
  service: 'payments',
  group: 'DEFAULT_GROUP',
  ip: '10.1.0.3',
  port: '9090',
  cluster: 'DEFAULT',
  weight: '1',
  metadata: '{}',
  via: '',
  lightBeat: false,
};

/** A number when the text is one; otherwise the text itself, so the validator names the problem. */
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
}

/** The next address, so registering again works at once: 10.1.0.3 → 10.1.0.4. */
function nextIp(ip: string): string {
  const parts = ip.split('.');
  const last = Number(parts[3]);
  if (parts.length !== 4 || !Number.isInteger(last) || last >= 254) return ip;
  parts[3] = String(last + 1);
  return parts.join('.');
}

/** Which form field an error line is about: "port: expected …" → port. */
function fieldOf(error: string): TextField | 'other' {
  const name = /^([A-Za-z]+)/.exec(error)?.[1];
  switch (name) {
    case 'service':
    case 'group':
    case 'ip':
    case 'port':
    case 'cluster':
    case 'weight':
    case 'metadata':
    case 'via':
      return name;
    default:
      return 'other';
  }
}

function RegisterForm() {
  const t = useT();
  const id = useId();
  const ready = useSim((state) => state.ready);
  const names = useNodeNames();
  const clientNames = useSim(
    useShallow((state) => (state.frame?.clients ?? []).map((client) => client.name)),
  );
  const serverErrors = useSim((state) => (state.actionErrorSource === SOURCE ? state.actionErrors : null));
  const [values, setValues] = useState<FormValues>(INITIAL);
  const [localErrors, setLocalErrors] = useState<readonly string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const language = useLanguage();
  const raw = localErrors.length > 0 ? localErrors : (serverErrors ?? []);
  const errors = raw.map((error) => localizeValidation(error, language));
  const byField = new Map<string, string[]>();
  raw.forEach((error, index) => {
    const field = fieldOf(error);
    byField.set(field, [...(byField.get(field) ?? []), errors[index] ?? error]);
  });

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setDone(null);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    let metadata: unknown;
    try {
      metadata = values.metadata.trim() === '' ? {} : JSON.parse(values.metadata);
    } catch {
      metadata = undefined;
    }
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      clearActionErrors();
      setLocalErrors([t('reg.metadataJson')]);
      return;
    }
    setLocalErrors([]);
    const base = values.service.trim() === '' ? 'client' : values.service.trim();
    let n = 1;
    while (clientNames.includes(`${base}-${n}`)) n += 1;
    const client = `${base}-${n}`;
    const action = {
      do: 'register',
      client,
      service: values.service,
      group: values.group,
      ip: values.ip,
      port: numberOrText(values.port),
      cluster: values.cluster,
      weight: numberOrText(values.weight),
      metadata,
      lightBeat: values.lightBeat,
      ...(values.via === '' ? {} : { via: values.via }),
    };
    setBusy(true);
    const result = await act(action, SOURCE);
    setBusy(false);
    if (result.ok) {
      setDone(t('reg.done', { instance: `${values.ip}:${values.port}`, client }));
      setValues((current) => ({ ...current, ip: nextIp(current.ip) }));
    }
  };

  const field = (
    key: TextField,
    label: MessageKey,
    extra: { inputMode?: 'numeric' | 'decimal'; wide?: boolean } = {},
  ) => {
    const fieldErrors = byField.get(key);
    const errorId = `${id}-${key}-error`;
    return (
      <label className={extra.wide ? 'field wide' : 'field'}>
        <span>{t(label)}</span>
        <input
          type="text"
          name={key}
          value={values[key]}
          inputMode={extra.inputMode}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={fieldErrors ? true : undefined}
          aria-describedby={fieldErrors ? errorId : undefined}
          onChange={(event) => set(key, event.target.value)}
          data-testid={`reg-${key}`}
        />
        {fieldErrors ? (
          <span className="field-error" id={errorId} data-testid={`reg-${key}-error`}>
            {fieldErrors.join(' · ')}
          </span>
        ) : null}
      </label>
    );
  };

  return (
    <form className="group register-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <h3>{t('reg.title')}</h3>
      <p className="help">{t('reg.help')}</p>
      <div className="form-grid">
        {field('service', 'reg.service')}
        {field('group', 'reg.group')}
        {field('ip', 'reg.ip', { inputMode: 'decimal' })}
        {field('port', 'reg.port', { inputMode: 'numeric' })}
        {field('cluster', 'reg.cluster')}
        {field('weight', 'reg.weight', { inputMode: 'decimal' })}
        {field('metadata', 'reg.metadata', { wide: true })}
        <label className="field">
          <span>{t('reg.via')}</span>
          <select
            value={values.via}
            onChange={(event) => set('via', event.target.value)}
            data-testid="reg-via"
          >
            <option value="">{t('reg.viaRandom')}</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={values.lightBeat}
            onChange={(event) => set('lightBeat', event.target.checked)}
            data-testid="reg-lightBeat"
          />
          <span>{t('reg.lightBeat')}</span>
        </label>
      </div>
      <div className="button-row">
        <button type="submit" className="primary" disabled={!ready || busy} data-testid="reg-submit">
          {t('reg.submit')}
        </button>
      </div>
      <div className="action-errors" role="alert" data-testid="errors-register">
        {errors.length > 0 ? (
          <>
            <p>{t('reg.failed')}</p>
            <ul>
              {errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <p className="form-done" role="status" data-testid="reg-done">
        {done ?? ''}
      </p>
    </form>
  );
}

function ClientList() {
  const t = useT();
  const ready = useSim((state) => state.ready);
  const rows = useSim(
    useShallow((state) =>
      (state.frame?.clients ?? []).map(
        (client) =>
          `${client.name}|${client.service}|${client.instance}|${client.alive}|${client.registered}|${client.lightBeat}`,
      ),
    ),
  );
  const clients = rows.map((row) => {
    const [name = '', service = '', instance = '', alive, registered, lightBeat] = row.split('|');
    return {
      name,
      service,
      instance,
      alive: alive === 'true',
      registered: registered === 'true',
      lightBeat: lightBeat === 'true',
    };
  });
  const run = (verb: 'stopClient' | 'resumeClient' | 'deregister', client: string) =>
    void act({ do: verb, client }, 'clients');

  return (
    <div className="group">
      <h3>{t('clients.title')}</h3>
      {clients.length === 0 ? <p className="muted">{t('clients.none')}</p> : null}
      <ul className="client-list">
        {clients.map((client) => {
          const state = !client.registered ? 'deregistered' : client.alive ? 'beating' : 'stopped';
          const [group, service] = client.service.includes('@@')
            ? client.service.split('@@')
            : ['', client.service];
          return (
            <li key={client.name} className={`client-row ${state}`} data-testid={`client-${client.name}`}>
              <div className="client-main">
                <span className={`status-dot ${state}`} aria-hidden="true" />
                <span className="client-name">{client.name}</span>
                <span className="client-service">
                  {service}
                  <span className="muted"> · {group}</span>
                </span>
                <code className="client-instance">{client.instance}</code>
                <span className={`client-state ${state}`}>
                  {t(`client.${state}` as MessageKey)}
                  {client.lightBeat ? ` · ${t('client.light')}` : ''}
                </span>
              </div>
              <div className="button-row compact">
                <button
                  type="button"
                  disabled={!ready || !client.registered || !client.alive}
                  aria-label={t('clients.actionLabel', { action: t('clients.stop'), client: client.name })}
                  onClick={() => run('stopClient', client.name)}
                >
                  {t('clients.stop')}
                </button>
                <button
                  type="button"
                  disabled={!ready || !client.registered || client.alive}
                  aria-label={t('clients.actionLabel', { action: t('clients.resume'), client: client.name })}
                  onClick={() => run('resumeClient', client.name)}
                >
                  {t('clients.resume')}
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={!ready || !client.registered}
                  aria-label={t('clients.actionLabel', {
                    action: t('clients.deregister'),
                    client: client.name,
                  })}
                  onClick={() => run('deregister', client.name)}
                >
                  {t('clients.deregister')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <ActionErrors source="clients" />
    </div>
  );
}

/** Register instances through simulated SDK clients; stop, resume and deregister them. */
export function ClientControls() {
  return (
    <div className="control-stack">
      <RegisterForm />
      <ClientList />
    </div>
  );
}
