import { type Language, useSim } from '../../store/simStore.ts';

/**
 * The ring's words in English and Chinese. A local dictionary until the shell's i18n
 * (src/ui/i18n) lands; the keys are meant to move there unchanged.
 */
const EN = {
  'ring.title': 'Cluster ring',
  'ring.desc':
    'Distro nodes on a circle. Each node’s sector holds the services it believes it owns; messages fly between nodes as coloured particles; dashed lines are network partitions.',
  'ring.viewpoint': 'View',
  'ring.viewpoint.own': 'Each node’s own view',
  'ring.viewpoint.as': 'As seen by {node}',
  'ring.viewpoint.blind': '{node} is {status}: it sees nothing',
  'ring.legend': 'Message kinds',
  'ring.legend.dies': 'dropped',
  'ring.legend.reply': 'reply',
  'ring.clients': 'clients',
  'ring.partition': 'partition',
  'ring.owners': '{count} owners',
  'ring.self': 'viewer',
  'ring.empty': 'Waiting for the simulator…',
  'status.running': 'running',
  'status.paused': 'paused',
  'status.killed': 'killed',
  'status.crashed': 'crashed',
  'member.UP': 'UP',
  'member.SUSPICIOUS': 'SUSPICIOUS',
  'member.DOWN': 'DOWN',
  'kind.probe': 'probe',
  'kind.client': 'client',
  'kind.forward': 'forward',
  'kind.sync': 'sync',
  'kind.verify': 'verify',
  'kind.pull': 'pull',
  'kind.snapshot': 'snapshot',
  'kind.status': 'status',
  'client.alive': 'beating',
  'client.stopped': 'stopped',
  'client.unregistered': 'not registered',
} as const;

export type RingTextKey = keyof typeof EN;

const ZH: Record<RingTextKey, string> = {
  'ring.title': '集群环',
  'ring.desc':
    'Distro 节点排成一圈。每个节点外侧的扇区里是它认为自己负责的服务；节点之间的消息以彩色粒子飞行；虚线表示网络分区。',
  'ring.viewpoint': '视角',
  'ring.viewpoint.own': '各节点自己的视角',
  'ring.viewpoint.as': '{node} 眼中的集群',
  'ring.viewpoint.blind': '{node} 已{status}：它什么也看不到',
  'ring.legend': '消息类型',
  'ring.legend.dies': '被丢弃',
  'ring.legend.reply': '响应',
  'ring.clients': '客户端',
  'ring.partition': '分区',
  'ring.owners': '{count} 个负责节点',
  'ring.self': '观察者',
  'ring.empty': '正在等待模拟器…',
  'status.running': '运行中',
  'status.paused': '已暂停',
  'status.killed': '已终止',
  'status.crashed': '已崩溃',
  'member.UP': 'UP',
  'member.SUSPICIOUS': 'SUSPICIOUS',
  'member.DOWN': 'DOWN',
  'kind.probe': '探测',
  'kind.client': '客户端',
  'kind.forward': '转发',
  'kind.sync': '同步',
  'kind.verify': '校验',
  'kind.pull': '拉取',
  'kind.snapshot': '快照',
  'kind.status': '状态',
  'client.alive': '心跳中',
  'client.stopped': '已停止',
  'client.unregistered': '未注册',
};

const DICTIONARIES: Record<Language, Record<RingTextKey, string>> = { en: EN, zh: ZH };

export type RingText = (key: RingTextKey, values?: Readonly<Record<string, string | number>>) => string;

export function ringText(language: Language): RingText {
  const dictionary = DICTIONARIES[language];
  return (key, values) => {
    const template = dictionary[key];
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
  };
}

export function useRingText(): RingText {
  const language = useSim((s) => s.language);
  return ringText(language);
}
