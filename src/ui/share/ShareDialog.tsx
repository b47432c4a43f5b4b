import { useEffect, useId, useRef, useState } from 'react';
import { shareableRun } from '../../store/embedBoot.ts';
import { permalinkFor, type RunRecording } from '../../store/permalink.ts';
import { useT } from '../i18n/index.ts';
import { seconds } from '../time/format.ts';
import { copyText } from './copy.ts';
import { Dialog } from './Dialog.tsx';

type Copied = 'idle' | 'copied' | 'failed';

/** The iframe snippet for a run: the compact layout, replayed from the link's fragment. */
export function embedSnippet(link: string): string {
  const url = new URL(link);
  url.search = '?embed=1';
  return `<iframe src="${url.toString()}" width="800" height="500" style="border:0" title="Distro Playground" loading="lazy"></iframe>`;
}

function CopyField({
  value,
  label,
  button,
  multiline,
  primary,
  testId,
}: {
  readonly value: string;
  readonly label: string;
  readonly button: string;
  readonly multiline?: boolean;
  readonly primary?: boolean;
  readonly testId: string;
}) {
  const t = useT();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<Copied>('idle');
  const id = useId();
  const onCopy = async () => setCopied((await copyText(value, field.current)) ? 'copied' : 'failed');
  const common = {
    ref: field,
    id,
    value,
    readOnly: true,
    spellCheck: false,
    onFocus: (event: { currentTarget: { select(): void } }) => event.currentTarget.select(),
    'data-testid': `${testId}-field`,
  };
  return (
    <div className="copy-field">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
      </div>
      <div className="copy-row">
        <button
          type="button"
          className={primary ? 'primary' : undefined}
          onClick={() => void onCopy()}
          data-testid={`${testId}-copy`}
        >
          <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
            <rect x="7" y="7" width="9" height="10" rx="1.5" />
            <path d="M13 7V4.5A1.5 1.5 0 0 0 11.5 3h-6A1.5 1.5 0 0 0 4 4.5v8A1.5 1.5 0 0 0 5.5 14H7" />
          </svg>
          {button}
        </button>
        <p className={`copy-status ${copied}`} role="status" data-testid={`${testId}-status`}>
          {copied === 'copied' ? (
            <>
              <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
                <path d="m4.5 10.5 3.5 3.5 7.5-8" />
              </svg>
              {t('share.copied')}
            </>
          ) : copied === 'failed' ? (
            t('share.copyFailed')
          ) : (
            ''
          )}
        </p>
      </div>
    </div>
  );
}

/** The share dialog: the run's permalink to copy, and the iframe that embeds it. */
export function ShareDialog({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const t = useT();
  const [made, setMade] = useState<{ link: string; run: RunRecording } | { error: string } | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setMade(null);
    shareableRun()
      .then(async (run) => ({ link: await permalinkFor(run, location.href), run }))
      .then(
        (value) => live && setMade(value),
        (error: unknown) => live && setMade({ error: String(error) }),
      );
    return () => {
      live = false;
    };
  }, [open]);

  return (
    <Dialog open={open} onClose={onClose} title={t('share.title')} testId="share-dialog">
      {made === null ? (
        <p className="muted" role="status">
          {t('share.making')}
        </p>
      ) : 'error' in made ? (
        <p className="dialog-error" role="alert">
          {t('share.failed', { error: made.error })}
        </p>
      ) : (
        <div className="dialog-body">
          <p className="dialog-intro">
            {t('share.intro', { count: made.run.steps.length, time: seconds(made.run.nowMs) })}
          </p>
          <CopyField
            value={made.link}
            label={t('share.link')}
            button={t('share.copy')}
            primary
            testId="share-link"
          />
          <section className="dialog-section">
            <h3>{t('share.embed')}</h3>
            <p className="help">{t('share.embedHelp')}</p>
            <CopyField
              value={embedSnippet(made.link)}
              label={t('share.embedCode')}
              button={t('share.copyEmbed')}
              multiline
              testId="share-embed"
            />
          </section>
        </div>
      )}
    </Dialog>
  );
}
