import { MESSAGE_KINDS } from './palette.ts';
import type { RingText } from './text.ts';

/** What the colours mean: message kinds, answers, drops, and node states in the current view. */
export function RingLegend({ t, viewpoint }: { t: RingText; viewpoint: boolean }) {
  const states = viewpoint
    ? (['UP', 'SUSPICIOUS', 'DOWN'] as const).map((state) => ({
        key: state,
        text: t(`member.${state}`),
        glyph: state === 'UP' ? '✓' : state === 'SUSPICIOUS' ? '?' : '✕',
      }))
    : (['running', 'paused', 'killed', 'crashed'] as const).map((status) => ({
        key: status,
        text: t(`status.${status}`),
        glyph: status === 'running' ? '' : status === 'paused' ? '❚❚' : status === 'killed' ? '✕' : '⚡',
      }));
  return (
    <div className="ring-legend">
      <ul aria-label={t('ring.legend')} className="ring-legend-kinds">
        {MESSAGE_KINDS.map((kind) => (
          <li key={kind} data-kind={kind}>
            <span
              className="ring-legend-dot"
              style={{ background: `var(--ring-kind-${kind})` }}
              aria-hidden="true"
            />
            {t(`kind.${kind}`)}
          </li>
        ))}
        <li>
          <span className="ring-legend-dot ring-legend-dot--reply" aria-hidden="true" />
          {t('ring.legend.reply')}
        </li>
        <li>
          <span className="ring-legend-dot ring-legend-dot--dies" aria-hidden="true">
            ✕
          </span>
          {t('ring.legend.dies')}
        </li>
      </ul>
      <ul className="ring-legend-states">
        {states.map((state) => (
          <li key={state.key}>
            <span className={`ring-legend-node ring-legend-node--${state.key}`} aria-hidden="true">
              {state.glyph}
            </span>
            {state.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
