import { type Language, useSim } from '../../store/simStore.ts';

/** The matrix's words in English and Chinese; a local dictionary until src/ui/i18n lands. */
const EN = {
  'matrix.title': 'Registry',
  'matrix.caption': 'Each instance as every node holds it: healthy, unhealthy, or missing.',
  'matrix.instance': 'Instance',
  'matrix.expected': 'Expected',
  'matrix.empty': 'No instances yet. Register one and watch it reach every node.',
  'matrix.converged': 'converged',
  'matrix.diverged': 'diverged',
  'matrix.divergentRows': '{count} rows differ',
  'matrix.divergentRow': '1 row differs',
  'matrix.rowDiverged': 'nodes disagree',
  'matrix.stopwatch.done': 'converged {seconds} s after the last change',
  'matrix.stopwatch.running': 'diverged for {seconds} s',
  'matrix.stopwatch.steady': 'stayed converged through the last change',
  'matrix.stopwatch.label': 'Time to converge',
  'matrix.instances': '{count} instances',
  'cell.healthy': 'healthy',
  'cell.unhealthy': 'unhealthy',
  'cell.missing': 'missing',
  'cell.off': 'node is {status}',
  'status.running': 'running',
  'status.paused': 'paused',
  'status.killed': 'killed',
  'status.crashed': 'crashed',
} as const;

export type MatrixTextKey = keyof typeof EN;

const ZH: Record<MatrixTextKey, string> = {
  'matrix.title': '注册表',
  'matrix.caption': '每个实例在各节点上的状态：健康、不健康或缺失。',
  'matrix.instance': '实例',
  'matrix.expected': '期望',
  'matrix.empty': '还没有实例。注册一个，看它传到每个节点。',
  'matrix.converged': '已收敛',
  'matrix.diverged': '不一致',
  'matrix.divergentRows': '{count} 行不一致',
  'matrix.divergentRow': '1 行不一致',
  'matrix.rowDiverged': '节点之间不一致',
  'matrix.stopwatch.done': '最后一次变更后 {seconds} 秒收敛',
  'matrix.stopwatch.running': '已不一致 {seconds} 秒',
  'matrix.stopwatch.steady': '最后一次变更后始终保持一致',
  'matrix.stopwatch.label': '收敛用时',
  'matrix.instances': '{count} 个实例',
  'cell.healthy': '健康',
  'cell.unhealthy': '不健康',
  'cell.missing': '缺失',
  'cell.off': '节点{status}',
  'status.running': '运行中',
  'status.paused': '已暂停',
  'status.killed': '已终止',
  'status.crashed': '已崩溃',
};

const DICTIONARIES: Record<Language, Record<MatrixTextKey, string>> = { en: EN, zh: ZH };

export type MatrixText = (key: MatrixTextKey, values?: Readonly<Record<string, string | number>>) => string;

export function matrixText(language: Language): MatrixText {
  const dictionary = DICTIONARIES[language];
  return (key, values) => {
    const template = dictionary[key];
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
  };
}

export function useMatrixText(): MatrixText {
  const language = useSim((s) => s.language);
  return matrixText(language);
}
