import type { Frame } from '../../sim/frame.ts';
import type { NodeStatus } from '../../sim/types.ts';
import type { SimState } from '../../store/simStore.ts';

export type CellState = 'healthy' | 'unhealthy' | 'missing';

export interface MatrixColumn {
  readonly name: string;
  readonly address: string;
  readonly status: NodeStatus;
  /** Killed and crashed nodes hold nothing; the convergence check skips them, and so do we. */
  readonly counts: boolean;
}

export interface MatrixRow {
  readonly service: string;
  readonly instance: string;
  readonly expected: CellState;
  readonly cells: readonly CellState[];
  /** A counting node holds something other than the truth. */
  readonly diverged: boolean;
}

export interface MatrixGroup {
  readonly service: string;
  readonly rows: readonly MatrixRow[];
}

export interface MatrixModel {
  readonly columns: readonly MatrixColumn[];
  readonly groups: readonly MatrixGroup[];
  readonly divergedRows: number;
}

function stateOf(held: Readonly<Record<string, boolean>> | undefined, instance: string): CellState {
  const healthy = held?.[instance];
  return healthy === undefined ? 'missing' : healthy ? 'healthy' : 'unhealthy';
}

/** Every instance the truth or any node knows of, grouped by service, sorted. */
function instanceKeys(frame: Frame): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  const add = (service: string, held: Readonly<Record<string, boolean>>) => {
    let set = keys.get(service);
    if (!set) {
      set = new Set();
      keys.set(service, set);
    }
    for (const instance in held) set.add(instance);
  };
  for (const service in frame.truth) add(service, frame.truth[service]!);
  for (const node of frame.nodes)
    for (const service in node.instances) add(service, node.instances[service]!);
  return keys;
}

export function buildMatrix(frame: Frame): MatrixModel {
  const columns = frame.nodes.map((node) => ({
    name: node.name,
    address: node.address,
    status: node.status,
    counts: node.status === 'running',
  }));
  const keys = instanceKeys(frame);
  let divergedRows = 0;
  const groups = [...keys.keys()].sort().map((service) => {
    const truth = frame.truth[service];
    const rows = [...keys.get(service)!].sort().map((instance) => {
      const expected = stateOf(truth, instance);
      const cells = frame.nodes.map((node) => stateOf(node.instances[service], instance));
      const diverged = cells.some((cell, i) => columns[i]!.counts && cell !== expected);
      if (diverged) divergedRows++;
      return { service, instance, expected, cells, diverged };
    });
    return { service, rows };
  });
  return { columns, groups, divergedRows };
}

function matrixSignature(model: MatrixModel): string {
  const parts = model.columns.map((column) => `${column.name}:${column.status}`);
  for (const group of model.groups)
    for (const row of group.rows)
      parts.push(`${row.service} ${row.instance} ${row.expected} ${row.cells.join(',')}`);
  return parts.join('|');
}

let lastSignature = '';
let lastModel: MatrixModel | null = null;
let lastFrame: Frame | null = null;

/** A zustand selector that keeps returning the same model while no cell changes. */
export function selectMatrix(state: SimState): MatrixModel | null {
  if (!state.frame) return null;
  if (state.frame === lastFrame) return lastModel;
  lastFrame = state.frame;
  const model = buildMatrix(state.frame);
  const signature = matrixSignature(model);
  if (signature !== lastSignature || lastModel === null) {
    lastSignature = signature;
    lastModel = model;
  }
  return lastModel;
}

/** "orders" and its group, apart. */
export function splitService(grouped: string): { group: string; name: string } {
  const at = grouped.indexOf('@@');
  return at < 0 ? { group: '', name: grouped } : { group: grouped.slice(0, at), name: grouped.slice(at + 2) };
}
