import { PairMemo } from './pairMemo.ts';

/** A server's address as Nacos writes it in cluster.conf: "ip:port". */
export type Address = string;

export const DEFAULT_NAMESPACE = 'public';
export const DEFAULT_GROUP = 'DEFAULT_GROUP';
export const DEFAULT_CLUSTER = 'DEFAULT';
/** Constants.SERVICE_INFO_SPLITER: the grouped name is group@@service. */
export const GROUP_SEPARATOR = '@@';
const EPHEMERAL_KEY_PREFIX = 'com.alibaba.nacos.naming.iplist.ephemeral.';

/** One ephemeral instance as a 1.x server stores it (naming/core/Instance.java). */
export interface Instance {
  readonly ip: string;
  readonly port: number;
  readonly clusterName: string;
  readonly weight: number;
  readonly enabled: boolean;
  readonly metadata: Readonly<Record<string, string>>;
  /** The default instance-id generator: ip#port#cluster#group@@service. */
  readonly instanceId: string;
  healthy: boolean;
  /** Virtual ms of the last beat the owner processed; replicated only with a whole Datum. */
  lastBeatMs: number;
  /** An operator-marked instance never flips health and never expires. */
  readonly marked: boolean;
}

/** A Datum: the unit Distro replicates in 1.x, all instances of one service key. */
export interface Datum {
  /** com.alibaba.nacos.naming.iplist.ephemeral.<namespace>##<group@@service> */
  readonly key: string;
  readonly instances: readonly Instance[];
}

/** The grouped name `group@@service`; a name that already has `@@` is used as it is. */
export function groupedServiceName(serviceName: string, groupName: string = DEFAULT_GROUP): string {
  return serviceName.includes(GROUP_SEPARATOR) ? serviceName : `${groupName}${GROUP_SEPARATOR}${serviceName}`;
}

/** KeyBuilder.buildInstanceListKey for ephemeral data. */
export function ephemeralKey(namespace: string, groupedName: string): string {
  return `${EPHEMERAL_KEY_PREFIX}${namespace}##${groupedName}`;
}

/** KeyBuilder.getServiceName: the text after `##`, which is also the Distro tag. */
export function serviceNameOfKey(key: string): string {
  const at = key.indexOf('##');
  return at < 0 ? key : key.slice(at + 2);
}

/** The namespace part of an ephemeral key. */
export function namespaceOfKey(key: string): string {
  const body = key.startsWith(EPHEMERAL_KEY_PREFIX) ? key.slice(EPHEMERAL_KEY_PREFIX.length) : key;
  const at = body.indexOf('##');
  return at < 0 ? DEFAULT_NAMESPACE : body.slice(0, at);
}

/** The default (`simple`) instance-id generator. */
export function instanceIdOf(ip: string, port: number, clusterName: string, groupedName: string): string {
  return `${ip}#${port}#${clusterName}#${groupedName}`;
}

/** Instance identity inside one service: ip and port (Instance.equals in 1.x). */
const addresses = new PairMemo<number>((ip, port) => `${ip}:${port}`);

/** `ip:port`, the key of an instance within its service. */
export function addressOf(ip: string, port: number): string {
  return addresses.get(ip, port);
}

export function instanceAddress(instance: Pick<Instance, 'ip' | 'port'>): string {
  return addressOf(instance.ip, instance.port);
}

/** A deep copy, as serialising a Datum into an HTTP body makes one. */
export function copyInstance(instance: Instance): Instance {
  return { ...instance, metadata: { ...instance.metadata } };
}

export function copyDatum(datum: Datum): Datum {
  return { key: datum.key, instances: datum.instances.map(copyInstance) };
}

/** Instance metadata keys that override the server's timings for that instance (Instance.java). */
export const PRESERVED_BEAT_INTERVAL = 'preserved.heart.beat.interval';
export const PRESERVED_BEAT_TIMEOUT = 'preserved.heart.beat.timeout';
export const PRESERVED_DELETE_TIMEOUT = 'preserved.ip.delete.timeout';

/** A preserved metadata value in ms, or the fallback when absent or not a number. */
export function preservedMs(instance: Pick<Instance, 'metadata'>, key: string, fallbackMs: number): number {
  const raw = instance.metadata[key];
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallbackMs;
}
