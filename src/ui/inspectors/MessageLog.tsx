import { type CSSProperties, useCallback, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MessageKind } from '../../protocol/messages.ts';
import type { LogEntry } from '../../sim/frame.ts';
import { useSim } from '../../store/simStore.ts';
import { KINDS, kindColor } from './kinds.ts';
import { LogList } from './LogList.tsx';
import { logBuffer } from './logBuffer.ts';
import { PayloadPanel } from './PayloadPanel.tsx';
import { useText } from './text.ts';
import './inspectors.css';

interface Filters {
  readonly kinds: ReadonlySet<MessageKind>;
  /** A node address, or '' for any. */
  readonly node: string;
  readonly query: string;
}

const ALL_KINDS: ReadonlySet<MessageKind> = new Set(KINDS);

/**
 * The message log: the last lines of the run in their one-line text form, filtered by
 * kind, node and text; a click shows the payload. Lines come from logBuffer, which
 * collects them outside React; this view re-renders at most ~10 times a second.
 */
export function MessageLog() {
  const text = useText();
  const headingId = useId();
  const version = useSyncExternalStore(logBuffer.subscribe, logBuffer.getVersion);
  const [filters, setFilters] = useState<Filters>({ kinds: ALL_KINDS, node: '', query: '' });
  const [selected, setSelected] = useState<LogEntry | null>(null);
  const [follow, setFollow] = useState(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is how the buffer says its lines changed
  const all = useMemo(() => logBuffer.entries(), [version]);
  const shown = useMemo(() => applyFilters(all, filters), [all, filters]);
  const update = useCallback((patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch })), []);

  return (
    <section className="dpi dpi-log" aria-labelledby={headingId}>
      <header className="dpi-head">
        <h2 id={headingId}>{text.messageLog}</h2>
        <span className="dpi-muted dpi-count" aria-live="off">
          {text.showing(shown.length, all.length)}
        </span>
        <div className="dpi-head-actions">
          <button
            type="button"
            className="dpi-button"
            aria-pressed={follow}
            onClick={() => setFollow((value) => !value)}
          >
            {follow ? text.follow : text.jumpToLatest}
          </button>
          <button type="button" className="dpi-button" onClick={() => logBuffer.clear()}>
            {text.clear}
          </button>
        </div>
      </header>
      <div className="dpi-content">
        <LogFilters filters={filters} update={update} />
        <div className={selected ? 'dpi-log-main dpi-log-with-payload' : 'dpi-log-main'}>
          <LogList
            entries={shown}
            empty={all.length === 0 ? text.emptyLog : text.noMatch}
            selectedSeq={selected?.seq ?? null}
            onSelect={setSelected}
            follow={follow}
            onFollowChange={setFollow}
          />
          {selected ? <PayloadPanel entry={selected} onClose={() => setSelected(null)} /> : null}
        </div>
      </div>
    </section>
  );
}

function LogFilters({ filters, update }: { filters: Filters; update: (patch: Partial<Filters>) => void }) {
  const text = useText();
  const nodes = useSim(useShallow((state) => state.frame?.nodes.map((n) => `${n.name}\t${n.address}`) ?? []));
  const nodeId = useId();
  const queryId = useId();
  const toggle = (kind: MessageKind) => {
    const next = new Set(filters.kinds);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    update({ kinds: next });
  };
  return (
    <div className="dpi-filters">
      <fieldset className="dpi-kinds">
        <legend className="dpi-visually-hidden">{text.kinds}</legend>
        {KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="dpi-kind-chip"
            style={{ '--chip': kindColor(kind) } as CSSProperties}
            aria-pressed={filters.kinds.has(kind)}
            data-kind={kind}
            onClick={() => toggle(kind)}
          >
            <span className="dpi-swatch" aria-hidden="true" />
            {text.kindNames[kind]}
          </button>
        ))}
        <button type="button" className="dpi-link" onClick={() => update({ kinds: ALL_KINDS })}>
          {text.allKinds}
        </button>
        <button type="button" className="dpi-link" onClick={() => update({ kinds: new Set() })}>
          {text.noKinds}
        </button>
      </fieldset>
      <div className="dpi-filter-row">
        <label htmlFor={nodeId} className="dpi-visually-hidden">
          {text.node}
        </label>
        <select id={nodeId} value={filters.node} onChange={(event) => update({ node: event.target.value })}>
          <option value="">{text.anyNode}</option>
          {nodes.map((row) => {
            const [name, address = ''] = row.split('\t');
            return (
              <option key={address} value={address}>
                {name} · {address}
              </option>
            );
          })}
        </select>
        <label htmlFor={queryId} className="dpi-visually-hidden">
          {text.filterText}
        </label>
        <input
          id={queryId}
          type="search"
          value={filters.query}
          placeholder={text.filterPlaceholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => update({ query: event.target.value })}
        />
      </div>
    </div>
  );
}

function applyFilters(entries: readonly LogEntry[], filters: Filters): readonly LogEntry[] {
  const query = filters.query.trim().toLowerCase();
  if (filters.kinds.size === KINDS.length && filters.node === '' && query === '') return entries;
  return entries.filter(
    (entry) =>
      filters.kinds.has(entry.kind) &&
      (filters.node === '' || entry.from === filters.node || entry.to === filters.node) &&
      (query === '' || entry.text.toLowerCase().includes(query)),
  );
}
