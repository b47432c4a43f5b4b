import { type FormEvent, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { nodeName } from '../../scenarios/names.ts';
import { act } from '../../store/simController.ts';
import { useSim } from '../../store/simStore.ts';
import { useT } from '../i18n/index.ts';
import { ActionErrors, useNodeNames } from './shared.tsx';

const SOURCE = 'network';
type Side = 'A' | 'B';

/** The network's faults in words: "{n1} | {n2, n3}", "n1 → n2". */
function useNetworkSummary(): { partition: string | null; cuts: readonly string[] } {
  const partition = useSim((state) => {
    const groups = state.frame?.network.partition ?? [];
    return groups.length === 0
      ? null
      : groups.map((group) => `{${group.map(nodeName).join(', ')}}`).join(' | ');
  });
  const cuts = useSim(
    useShallow((state) =>
      (state.frame?.network.cuts ?? []).map(([from, to]) => `${nodeName(from)} → ${nodeName(to)}`),
    ),
  );
  return { partition, cuts };
}

function SplitTool() {
  const t = useT();
  const ready = useSim((state) => state.ready);
  const names = useNodeNames();
  const [sides, setSides] = useState<Record<string, Side>>({});
  // The last node starts on side B, so "Apply" is one click away from a real split.
  const sideOf = (name: string): Side => sides[name] ?? (name === names.at(-1) ? 'B' : 'A');
  const groupA = names.filter((name) => sideOf(name) === 'A');
  const groupB = names.filter((name) => sideOf(name) === 'B');
  const canApply = groupA.length > 0 && groupB.length > 0;

  return (
    <div className="group">
      <h3>{t('net.split')}</h3>
      <p className="help">{t('net.splitHelp')}</p>
      <ul className="split-list">
        {names.map((name) => (
          <li key={name}>
            <span className="node-name">{name}</span>
            {/* biome-ignore lint/a11y/useSemanticElements: a segmented pair of toggle buttons, not a form fieldset */}
            <div className="segmented" role="group" aria-label={t('net.groupOf', { node: name })}>
              {(['A', 'B'] as const).map((side) => (
                <button
                  key={side}
                  type="button"
                  className={`side-${side}`}
                  aria-pressed={sideOf(name) === side}
                  onClick={() => setSides((current) => ({ ...current, [name]: side }))}
                  data-testid={`split-${name}-${side}`}
                >
                  {side === 'A' ? t('net.groupA') : t('net.groupB')}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="primary"
        disabled={!ready || !canApply}
        onClick={() => void act({ do: 'partition', groups: [groupA, groupB] }, SOURCE)}
        data-testid="split-apply"
      >
        {t('net.apply')}
      </button>
      {canApply ? null : <p className="help">{t('net.applyNeedsBoth')}</p>}
    </div>
  );
}

function CutTool() {
  const t = useT();
  const ready = useSim((state) => state.ready);
  const names = useNodeNames();
  const [from, setFrom] = useState('n1');
  const [to, setTo] = useState('n2');
  const valid = from !== to && names.includes(from) && names.includes(to);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) void act({ do: 'cut', from, to }, SOURCE);
  };
  return (
    <form className="group" onSubmit={onSubmit}>
      <h3>{t('net.cut')}</h3>
      <p className="help">{t('net.cutHelp')}</p>
      <div className="cut-row">
        <label className="field">
          <span>{t('net.from')}</span>
          <select value={from} onChange={(event) => setFrom(event.target.value)} data-testid="cut-from">
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <span className="arrow" aria-hidden="true">
          →
        </span>
        <label className="field">
          <span>{t('net.to')}</span>
          <select value={to} onChange={(event) => setTo(event.target.value)} data-testid="cut-to">
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!ready || !valid} data-testid="cut-apply">
          {t('net.cutButton')}
        </button>
      </div>
    </form>
  );
}

function percentOf(rate: number): number {
  return Math.round(rate * 1000) / 10;
}

function LinkTool() {
  const t = useT();
  const ready = useSim((state) => state.ready);
  const latencyNow = useSim((state) => state.frame?.network.link.latencyMs ?? 20);
  const jitterNow = useSim((state) => state.frame?.network.link.jitterMs ?? 5);
  const lossNow = useSim((state) => state.frame?.network.link.lossRate ?? 0);
  const [latency, setLatency] = useState(latencyNow);
  const [jitter, setJitter] = useState(jitterNow);
  const [loss, setLoss] = useState(percentOf(lossNow));
  // Follow the simulator when the run changes under the sliders (reset, time travel).
  useEffect(() => {
    setLatency(latencyNow);
    setJitter(jitterNow);
    setLoss(percentOf(lossNow));
  }, [latencyNow, jitterNow, lossNow]);
  const changed = latency !== latencyNow || jitter !== jitterNow || loss !== percentOf(lossNow);

  return (
    <div className="group">
      <h3>{t('link.title')}</h3>
      <label className="slider">
        <span>{t('link.latency')}</span>
        <input
          type="range"
          min={1}
          max={1000}
          step={1}
          value={latency}
          onChange={(event) => {
            const value = Number(event.target.value);
            setLatency(value);
            setJitter((current) => Math.min(current, value));
          }}
          aria-valuetext={`${latency} ms`}
          data-testid="link-latency"
        />
        <output>{latency} ms</output>
      </label>
      <label className="slider">
        <span>{t('link.jitter')}</span>
        <input
          type="range"
          min={0}
          max={latency}
          step={1}
          value={jitter}
          onChange={(event) => setJitter(Number(event.target.value))}
          aria-valuetext={`± ${jitter} ms`}
          data-testid="link-jitter"
        />
        <output>± {jitter} ms</output>
      </label>
      <label className="slider">
        <span>{t('link.loss')}</span>
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          value={loss}
          onChange={(event) => setLoss(Number(event.target.value))}
          aria-valuetext={`${loss}%`}
          data-testid="link-loss"
        />
        <output>{loss}%</output>
      </label>
      <div className="button-row">
        <button
          type="button"
          disabled={!ready || !changed}
          onClick={() =>
            void act({ do: 'link', latencyMs: latency, jitterMs: jitter, lossRate: loss / 100 }, SOURCE)
          }
          data-testid="link-apply"
        >
          {t('link.apply')}
        </button>
        <span className="muted">
          {t('link.current', { latency: latencyNow, jitter: jitterNow, loss: percentOf(lossNow) })}
        </span>
      </div>
    </div>
  );
}

/** Partitions, one-way cuts, heal, and the default link's latency, jitter and loss. */
export function NetworkControls() {
  const t = useT();
  const ready = useSim((state) => state.ready);
  const { partition, cuts } = useNetworkSummary();
  const whole = partition === null && cuts.length === 0;
  return (
    <div className="control-stack">
      <div className={whole ? 'network-now' : 'network-now faulty'} data-testid="network-now">
        <span className="group-title">{t('net.now')}</span>
        {whole ? <span>{t('net.whole')}</span> : null}
        {partition ? <span>{t('net.partition', { groups: partition })}</span> : null}
        {cuts.map((cut) => (
          <span key={cut}>
            {t('net.cutLine', { from: cut.split(' → ')[0] ?? '', to: cut.split(' → ')[1] ?? '' })}
          </span>
        ))}
        <button
          type="button"
          className="primary heal"
          disabled={!ready || whole}
          title={t('net.healHelp')}
          onClick={() => void act({ do: 'heal' }, SOURCE)}
          data-testid="heal"
        >
          {t('net.heal')}
        </button>
      </div>
      <SplitTool />
      <CutTool />
      <LinkTool />
      <ActionErrors source={SOURCE} />
    </div>
  );
}
