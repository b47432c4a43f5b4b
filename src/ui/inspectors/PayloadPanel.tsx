import { type CSSProperties, useId } from 'react';
import type { LogEntry } from '../../sim/frame.ts';
import { prettyJson, seconds } from './format.ts';
import { kindColor } from './kinds.ts';
import { useText } from './text.ts';

/** One message in full: kind, route, times, fate and its body as indented JSON. */
export function PayloadPanel({ entry, onClose }: { entry: LogEntry; onClose: () => void }) {
  const text = useText();
  const headingId = useId();
  const dropped = entry.fate !== 'delivered';

  return (
    <section
      className="dpi-payload"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header>
        <h3 id={headingId}>
          <span className="dpi-kind-tag" style={{ '--chip': kindColor(entry.kind) } as CSSProperties}>
            {text.kindNames[entry.kind]}
          </span>{' '}
          {entry.type}
        </h3>
        <button type="button" className="dpi-button" onClick={onClose} aria-label={text.close}>
          ✕
        </button>
      </header>
      <p className="dpi-mono dpi-payload-route">
        {entry.from} → {entry.to}
      </p>
      <p className="dpi-payload-meta">
        <span>
          {text.sent} {seconds(entry.sentAtMs)} s
        </span>
        <span>
          {text.ended} {seconds(entry.endAtMs)} s
        </span>
        <span className={dropped ? 'dpi-health dpi-health-bad' : 'dpi-health dpi-health-ok'}>
          {text.fates[entry.fate] ?? entry.fate}
        </span>
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
      <pre className="dpi-json" tabIndex={0}>
        {prettyJson(entry.payload)}
      </pre>
    </section>
  );
}
