import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodeStatus } from '../../sim/types.ts';
import { selectNode, useSim } from '../../store/simStore.ts';
import { NodeDetails } from './NodeDetails.tsx';
import { useText } from './text.ts';
import { useInspection } from './useInspection.ts';
import './inspectors.css';

export interface NodeRef {
  readonly name: string;
  readonly address: string;
  readonly status: NodeStatus;
}

/**
 * The node panel: what the selected node (store.selectedNode, an address or a name) knows —
 * its members, healthy list, the keys it owns, its data with checksums, its pending sync
 * tasks and timers. Reads everything from the store; takes no props.
 */
export function NodeInspector() {
  const text = useText();
  const headingId = useId();
  const selectId = useId();
  const rows = useSim(useShallow((state) => state.frame?.nodes.map(nodeKey) ?? []));
  const nodes = useMemo(() => rows.map(parseNodeKey), [rows]);
  const selected = useSim((state) => state.selectedNode);
  const node = nodes.find((n) => n.address === selected || n.name === selected) ?? null;

  return (
    <section className="dpi dpi-node" aria-labelledby={headingId}>
      <header className="dpi-head">
        <h2 id={headingId}>{text.nodeInspector}</h2>
        <label className="dpi-picker" htmlFor={selectId}>
          <span className="dpi-visually-hidden">{text.node}</span>
          <select
            id={selectId}
            value={node?.address ?? ''}
            onChange={(event) => selectNode(event.target.value === '' ? null : event.target.value)}
          >
            <option value="">{text.chooseNode}</option>
            {nodes.map((n) => (
              <option key={n.address} value={n.address}>
                {n.name} · {n.address}
                {n.status === 'running' ? '' : ` (${text.status[n.status] ?? n.status})`}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div className="dpi-content">
        {node === null ? <p className="dpi-hint">{text.pickHint}</p> : <NodeBody node={node} nodes={nodes} />}
      </div>
    </section>
  );
}

function NodeBody({ node, nodes }: { node: NodeRef; nodes: readonly NodeRef[] }) {
  const text = useText();
  const error = useSim((state) => state.frame?.nodes.find((n) => n.address === node.address)?.error);
  const state = useInspection(node.address, node.status);
  const names = useMemo(() => new Map(nodes.map((n) => [n.address, n.name])), [nodes]);

  return (
    <div className="dpi-body">
      <p className="dpi-title">
        <strong>{node.name}</strong>
        <span className="dpi-mono">{node.address}</span>
        <span className={`dpi-status dpi-status-${node.status}`}>
          {text.status[node.status] ?? node.status}
        </span>
        {state.inspection ? (
          <span className="dpi-muted">{text.asOf((state.nowMs / 1000).toFixed(1))}</span>
        ) : null}
      </p>
      {node.status === 'killed' ? (
        <p className="dpi-gone" role="status">
          {text.killed}
        </p>
      ) : node.status === 'crashed' && !state.inspection ? (
        <p className="dpi-gone" role="status">
          {text.crashed}
          {error ? `: ${error}` : ''}
        </p>
      ) : state.inspection ? (
        <NodeDetails inspection={state.inspection} nowMs={state.nowMs} names={names} />
      ) : (
        <p className="dpi-hint" role="status">
          {state.phase === 'failed' ? text.unreachable : text.loading}
        </p>
      )}
    </div>
  );
}

function nodeKey(node: { name: string; address: string; status: NodeStatus }): string {
  return `${node.name}\t${node.address}\t${node.status}`;
}

function parseNodeKey(key: string): NodeRef {
  const [name = '', address = '', status = 'running'] = key.split('\t');
  return { name, address, status: status as NodeStatus };
}
