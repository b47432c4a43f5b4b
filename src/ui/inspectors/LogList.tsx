import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LogEntry } from '../../sim/frame.ts';
import { seconds } from './format.ts';
import { kindColor } from './kinds.ts';
import { useText } from './text.ts';

/** Every line is this tall (px), so only the lines in view are rendered. */
export const ROW_HEIGHT_PX = 26;
const OVERSCAN_ROWS = 8;

interface Props {
  readonly entries: readonly LogEntry[];
  readonly empty: string;
  readonly selectedSeq: number | null;
  readonly onSelect: (entry: LogEntry) => void;
  /** Stick to the newest line; scrolling up turns it off, scrolling to the bottom on. */
  readonly follow: boolean;
  readonly onFollowChange: (follow: boolean) => void;
}

/**
 * A virtualised list of log lines. While not following, the line at the top of the view
 * stays put as new lines arrive and old ones leave the buffer.
 */
export function LogList({ entries, empty, selectedSeq, onSelect, follow, onFollowChange }: Props) {
  const text = useText();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportPx, setViewportPx] = useState(320);
  const anchor = useRef<{ seq: number; offsetPx: number } | null>(null);
  const latest = useRef(entries);
  latest.current = entries;

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportPx(element.clientHeight));
    observer.observe(element);
    setViewportPx(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (follow) {
      element.scrollTop = element.scrollHeight;
    } else if (anchor.current) {
      const index = indexOfSeq(entries, anchor.current.seq);
      if (index >= 0) element.scrollTop = index * ROW_HEIGHT_PX + anchor.current.offsetPx;
    }
    setScrollTop(element.scrollTop);
  }, [entries, follow]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    setScrollTop(element.scrollTop);
    const index = Math.floor(element.scrollTop / ROW_HEIGHT_PX);
    const top = latest.current[index];
    anchor.current = top ? { seq: top.seq, offsetPx: element.scrollTop - index * ROW_HEIGHT_PX } : null;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < ROW_HEIGHT_PX / 2;
    if (atBottom !== follow) onFollowChange(atBottom);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const current = selectedSeq === null ? -1 : indexOfSeq(entries, selectedSeq);
    const next = Math.min(entries.length - 1, Math.max(0, current + (event.key === 'ArrowDown' ? 1 : -1)));
    const entry = entries[next];
    if (!entry) return;
    event.preventDefault();
    onSelect(entry);
    const element = scroller.current;
    if (element) {
      const topPx = next * ROW_HEIGHT_PX;
      if (topPx < element.scrollTop) element.scrollTop = topPx;
      else if (topPx + ROW_HEIGHT_PX > element.scrollTop + element.clientHeight)
        element.scrollTop = topPx + ROW_HEIGHT_PX - element.clientHeight;
    }
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLButtonElement>(`[data-seq="${entry.seq}"]`)?.focus(),
    );
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
  const last = Math.min(entries.length, Math.ceil((scrollTop + viewportPx) / ROW_HEIGHT_PX) + OVERSCAN_ROWS);
  const rows: LogEntry[] = entries.slice(first, last);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move between the focusable line buttons inside
    <div ref={scroller} className="dpi-log-list" onScroll={onScroll} onKeyDown={onKeyDown}>
      {entries.length === 0 ? <p className="dpi-hint dpi-log-empty">{empty}</p> : null}
      <ol aria-label={text.messageLog} style={{ height: entries.length * ROW_HEIGHT_PX }}>
        {rows.map((entry, offset) => {
          const index = first + offset;
          const dropped = entry.fate !== 'delivered';
          return (
            <li
              key={entry.seq}
              aria-setsize={entries.length}
              aria-posinset={index + 1}
              className={dropped ? 'dpi-log-row dpi-log-dropped' : 'dpi-log-row'}
              style={{ top: index * ROW_HEIGHT_PX, borderLeftColor: kindColor(entry.kind) }}
            >
              <button
                type="button"
                data-seq={entry.seq}
                data-kind={entry.kind}
                aria-pressed={entry.seq === selectedSeq}
                title={`${entry.text}\n${text.fates[entry.fate] ?? entry.fate}`}
                onClick={() => onSelect(entry)}
              >
                <span className="dpi-log-time">{seconds(entry.sentAtMs)}</span>
                <span className={dropped ? 'dpi-fate dpi-fate-dropped' : 'dpi-fate'} aria-hidden="true">
                  {dropped ? '✕' : ''}
                </span>
                {dropped ? (
                  <span className="dpi-visually-hidden">{text.fates[entry.fate] ?? entry.fate}: </span>
                ) : null}
                <span className="dpi-log-text">{entry.text}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** Lines are in seq order, so a binary search finds one. */
function indexOfSeq(entries: readonly LogEntry[], seq: number): number {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = entries[middle]!.seq;
    if (value === seq) return middle;
    if (value < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
