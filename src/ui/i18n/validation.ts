import type { Language } from '../../store/simStore.ts';

/**
 * The simulator's validation messages are English (they are shared with scenario files and
 * the CLI). For the register form's fields the UI says them in Chinese too; a message it
 * does not know stays as it is.
 */
const FIELD_ZH: Readonly<Record<string, string>> = {
  service: '服务',
  group: '分组',
  ip: 'IP',
  port: '端口',
  cluster: '集群',
  weight: '权重',
  metadata: '元数据',
  via: '发送到',
  lightBeat: '轻量心跳',
  client: '客户端',
  latencyMs: '延迟',
  jitterMs: '抖动',
  lossRate: '丢包率',
};

const MESSAGES_ZH: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [/^expected an integer from (\S+) to (\S+)$/, (m) => `需要 ${m[1]} 到 ${m[2]} 之间的整数`],
  [
    /^expected a whole number of milliseconds from (\S+) to (\S+)$/,
    (m) => `需要 ${m[1]} 到 ${m[2]} 之间的整数毫秒`,
  ],
  [/^expected a number from (\S+) to (\S+)$/, (m) => `需要 ${m[1]} 到 ${m[2]} 之间的数`],
  [/^expected a cluster name of letters, digits and "-"$/, () => '集群名只能由字母、数字和 "-" 组成'],
  [/^expected a dotted IPv4 address like (\S+)$/, (m) => `需要点分十进制的 IPv4 地址，例如 ${m[1]}`],
  [
    /^expected a service name that is not empty and has no "@@" or whitespace$/,
    () => '服务名不能为空，也不能含 "@@" 或空白',
  ],
  [
    /^expected a group name that is not empty and has no "@@" or whitespace$/,
    () => '分组名不能为空，也不能含 "@@" 或空白',
  ],
  [/^expected a string$/, () => '需要字符串'],
  [/^expected true or false$/, () => '需要 true 或 false'],
  [/^expected a node name like n1$/, () => '需要节点名，例如 n1'],
  [/^client "(.+)" is already registered by (.+)$/, (m) => `客户端 "${m[1]}" 已经注册过`],
];

export function localizeValidation(error: string, language: Language): string {
  if (language === 'en') return error;
  const match = /^([A-Za-z]+(?:\.[^:]+)?): (.*?)(?:, got (.*))?$/.exec(error);
  if (!match) return error;
  const [, path = '', message = '', got] = match;
  const [field = '', ...rest] = path.split('.');
  for (const [pattern, say] of MESSAGES_ZH) {
    const found = pattern.exec(message);
    if (!found) continue;
    const name = [FIELD_ZH[field] ?? field, ...rest].join('.');
    return `${name}：${say(found)}${got === undefined ? '' : `，实际为 ${got}`}`;
  }
  return error;
}
