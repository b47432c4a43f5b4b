import { parseScenarioValue } from './parse.ts';
import type { Scenario } from './schema.ts';

/**
 * The built-in scenarios: every scenarios/*.json, bundled at build time and validated when
 * this module loads. A built-in that does not parse is a bug in the repository, not a user
 * error, so it throws with the parser's lines (the build's tests and the app fail loudly).
 */

/** A text in both languages of the UI. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

export interface BuiltinScenario {
  /** The file name without `.json`: `owner-killed`. */
  readonly id: string;
  /** A short title for pickers; the scenario's `name` is the long, English one. */
  readonly title: Bilingual;
  readonly scenario: Scenario;
}

/**
 * The teaching order: it follows docs/PROTOCOL.md, from one write's path (mapper, filter,
 * sync, verify) to heartbeats, failures and partitions. Each id has its short title.
 */
const CATALOGUE: readonly { readonly id: string; readonly title: Bilingual }[] = [
  {
    id: 'register-through-non-owner',
    title: { en: 'Register through a non-owner', zh: '经由非负责节点注册' },
  },
  { id: 'verify-repairs-lost-sync', title: { en: 'Verify repairs a lost sync', zh: '校验修复丢失的同步' } },
  { id: 'client-stops-beating', title: { en: 'A client stops beating', zh: '客户端停止心跳' } },
  { id: 'owner-killed', title: { en: 'The owner is killed', zh: '负责节点被杀掉' } },
  { id: 'owner-hangs', title: { en: 'The owner hangs', zh: '负责节点卡死' } },
  {
    id: 'mod-n-rehash',
    title: { en: 'Why mod-N hashing moves most services', zh: '为什么按 N 取模会让大多数服务换负责节点' },
  },
  { id: 'node-restart', title: { en: 'A node restarts', zh: '节点重启' } },
  { id: 'partition-heal', title: { en: 'A partition and its heal', zh: '网络分区与恢复' } },
  { id: 'one-way-partition', title: { en: 'A one-way (asymmetric) partition', zh: '单向（非对称）分区' } },
  { id: 'flapping-link', title: { en: 'A flapping link', zh: '时断时续的链路' } },
];

const FILES = import.meta.glob<unknown>('../../scenarios/*.json', { eager: true, import: 'default' });

function idOf(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.json$/, '');
}

function load(): BuiltinScenario[] {
  const rank = new Map(CATALOGUE.map((entry, index) => [entry.id, index]));
  const loaded = Object.entries(FILES).map(([path, value]) => {
    const id = idOf(path);
    const parsed = parseScenarioValue(value, `scenarios/${id}.json`);
    if (!parsed.ok) {
      throw new Error(`Built-in scenario scenarios/${id}.json is invalid:\n${parsed.errors.join('\n')}`);
    }
    const known = CATALOGUE.find((entry) => entry.id === id);
    const title = known?.title ?? { en: parsed.scenario.name, zh: parsed.scenario.name };
    return { id, title, scenario: parsed.scenario };
  });
  // Catalogued ones in teaching order, any new file after them by id.
  return loaded.sort(
    (a, b) =>
      (rank.get(a.id) ?? CATALOGUE.length) - (rank.get(b.id) ?? CATALOGUE.length) || a.id.localeCompare(b.id),
  );
}

/** Every built-in scenario, in teaching order. */
export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = load();

/** The built-in with this id, or undefined. */
export function builtinScenario(id: string): BuiltinScenario | undefined {
  return BUILTIN_SCENARIOS.find((entry) => entry.id === id);
}
