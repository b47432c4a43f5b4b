import { act } from '../../store/simController.ts';
import { MAX_UI_NODES, selectNode, setViewpoint, useSim } from '../../store/simStore.ts';
import { type MessageKey, useT } from '../i18n/index.ts';
import { ActionErrors, type NodeSummary, useNodeSummaries } from './shared.tsx';

const SOURCE = 'nodes';
/** With more nodes than this the list becomes a grid of small tiles. */
const COMPACT_FROM = 6;

function NodeRow({ node, selected }: { readonly node: NodeSummary; readonly selected: boolean }) {
  const t = useT();
  return (
    <label
      className={selected ? 'node-row selected' : 'node-row'}
      data-testid={`node-row-${node.name}`}
      title={`${node.name} · ${node.address} · ${t(`status.${node.status}` as MessageKey)}`}
    >
      <input
        type="radio"
        name="node-choice"
        className="visually-hidden"
        value={node.name}
        checked={selected}
        onChange={() => selectNode(node.name)}
      />
      <span className={`status-dot ${node.status}`} aria-hidden="true" />
      <span className="node-name">{node.name}</span>
      <span className="node-address">{node.address}</span>
      <span className={`node-status ${node.status}`}>{t(`status.${node.status}` as MessageKey)}</span>
      <span className="node-owned">{t('nodes.owns', { count: node.owned })}</span>
    </label>
  );
}

/** Pick a node, then kill, pause, resume, restart or isolate it; add nodes. */
export function NodeControls() {
  const t = useT();
  const ready = useSim((state) => state.ready);
  const nodes = useNodeSummaries();
  const selectedName = useSim((state) => state.selectedNode);
  const viewpoint = useSim((state) => state.viewpoint);
  const selected = nodes.find((node) => node.name === selectedName || node.address === selectedName) ?? null;
  const status = selected?.status;
  const alive = status === 'running' || status === 'paused';

  const run = (action: Record<string, unknown> & { do: string }) => void act(action, SOURCE);
  const isolate = (name: string) =>
    run({
      do: 'partition',
      groups: [[name], nodes.filter((node) => node.name !== name).map((node) => node.name)],
    });

  return (
    <div className="control-stack">
      <fieldset className={nodes.length > COMPACT_FROM ? 'node-list compact' : 'node-list'}>
        <legend>{t('nodes.list')}</legend>
        {nodes.map((node) => (
          <NodeRow key={node.name} node={node} selected={node === selected} />
        ))}
      </fieldset>

      <fieldset className="group plain">
        <legend className="group-title">
          {selected ? t('nodes.actions', { node: selected.name }) : t('nodes.pick')}
        </legend>
        <div className="button-row">
          <button
            type="button"
            className="danger"
            disabled={!ready || !selected || !alive}
            title={t('nodes.killHelp')}
            onClick={() => selected && run({ do: 'kill', node: selected.name })}
            data-testid="node-kill"
          >
            {t('nodes.kill')}
          </button>
          <button
            type="button"
            disabled={!ready || !selected || status !== 'running'}
            title={t('nodes.pauseHelp')}
            onClick={() => selected && run({ do: 'pause', node: selected.name })}
            data-testid="node-pause"
          >
            {t('nodes.pause')}
          </button>
          <button
            type="button"
            disabled={!ready || !selected || status !== 'paused'}
            onClick={() => selected && run({ do: 'resume', node: selected.name })}
            data-testid="node-resume"
          >
            {t('nodes.resume')}
          </button>
          <button
            type="button"
            disabled={!ready || !selected}
            title={t('nodes.restartHelp')}
            onClick={() => selected && run({ do: 'restart', node: selected.name })}
            data-testid="node-restart"
          >
            {t('nodes.restart')}
          </button>
          <button
            type="button"
            disabled={!ready || !selected || nodes.length < 2}
            title={t('nodes.isolateHelp')}
            onClick={() => selected && isolate(selected.name)}
            data-testid="node-isolate"
          >
            {t('nodes.isolate')}
          </button>
        </div>
        <label className="check">
          <input
            type="checkbox"
            disabled={!selected}
            checked={selected !== null && (viewpoint === selected.name || viewpoint === selected.address)}
            onChange={(event) => setViewpoint(event.target.checked && selected ? selected.name : null)}
          />
          <span>{t('nodes.viewAs')}</span>
        </label>
      </fieldset>

      <div className="group add-node">
        <button
          type="button"
          disabled={!ready || nodes.length >= MAX_UI_NODES}
          onClick={() => run({ do: 'addNode' })}
          data-testid="node-add"
        >
          <span aria-hidden="true">＋</span> {t('nodes.add')}
        </button>
        <span className="muted">{t('nodes.addLimit', { count: nodes.length, max: MAX_UI_NODES })}</span>
      </div>
      <ActionErrors source={SOURCE} />
    </div>
  );
}
