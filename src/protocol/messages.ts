import type { Address, Datum } from './model.ts';

/** The fields of an instance write as the Open API v1 takes them, already validated. */
export interface InstanceParams {
  readonly namespace: string;
  /** group@@service */
  readonly groupedName: string;
  readonly ip: string;
  readonly port: number;
  readonly clusterName: string;
  readonly weight: number;
  readonly enabled: boolean;
  readonly healthy: boolean;
  readonly metadata: Readonly<Record<string, string>>;
}

/** What identifies one instance in a deregister or a beat. */
export interface InstanceRef {
  readonly namespace: string;
  readonly groupedName: string;
  readonly ip: string;
  readonly port: number;
  readonly clusterName: string;
}

/** The `beat` JSON a full (non-light) beat carries; enough to re-create the instance. */
export interface BeatInfo {
  readonly ip: string;
  readonly port: number;
  readonly groupedName: string;
  readonly clusterName: string;
  readonly weight: number;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Body of a beat answer: `{"clientBeatInterval":5000,"code":10200,"lightBeatEnabled":true}`. */
export interface BeatResponse {
  readonly clientBeatInterval: number;
  /** 10200 OK, 20404 instance not found (the client must re-register). */
  readonly code: 10200 | 20404;
  readonly lightBeatEnabled?: boolean;
}

/** One host of GET /instance/list (1.x doSrvIpxt shape). */
export interface ListedHost {
  readonly ip: string;
  readonly port: number;
  readonly valid: boolean;
  readonly healthy: boolean;
  readonly marked: boolean;
  readonly instanceId: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly enabled: boolean;
  readonly weight: number;
  readonly clusterName: string;
  readonly serviceName: string;
  readonly ephemeral: true;
}

/** GET /instance/list answer. */
export interface InstanceListResponse {
  readonly name: string;
  readonly dom: string;
  readonly clusters: string;
  readonly cacheMillis: number;
  /** The answering node's clock (virtual ms here). */
  readonly lastRefTime: number;
  readonly checksum: string;
  readonly useSpecifiedURL: false;
  readonly env: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly hosts: readonly ListedHost[];
}

/** GET /service/list answer: names without the group prefix, paged from 1. */
export interface ServiceListResponse {
  readonly count: number;
  readonly doms: readonly string[];
}

export type HttpBody = string | BeatResponse | InstanceListResponse | ServiceListResponse;

/**
 * Every message on the simulated network. Requests from clients carry `viaPeer: false`;
 * the same request proxied by DistroFilter carries `viaPeer: true` (the Nacos-Server
 * User-Agent), which is how a second hop is recognised and refused with 400.
 */
export type WireMessage =
  /** POST /nacos/v1/ns/instance: register (or update) one ephemeral instance. */
  | { readonly type: 'REGISTER'; readonly params: InstanceParams; readonly viaPeer: boolean }
  /** DELETE /nacos/v1/ns/instance: remove one instance. */
  | { readonly type: 'DEREGISTER'; readonly ref: InstanceRef; readonly viaPeer: boolean }
  /** PUT /nacos/v1/ns/instance/beat: a heartbeat; `beat` is null for a light beat. */
  | {
      readonly type: 'BEAT';
      readonly ref: InstanceRef;
      readonly beat: BeatInfo | null;
      readonly viaPeer: boolean;
    }
  /** GET /nacos/v1/ns/instance/list: answered locally by any node. */
  | {
      readonly type: 'LIST_INSTANCES';
      readonly namespace: string;
      readonly groupedName: string;
      readonly healthyOnly: boolean;
    }
  /** GET /nacos/v1/ns/service/list: answered locally; groupName "*" lists every group. */
  | {
      readonly type: 'LIST_SERVICES';
      readonly namespace: string;
      readonly groupName: string;
      readonly pageNo: number;
      readonly pageSize: number;
    }
  /** The answer to any HTTP request above, and to MEMBER_REPORT and SYNC_DATUM. */
  | { readonly type: 'HTTP_RESPONSE'; readonly status: number; readonly body: HttpBody }
  /** POST /nacos/v1/core/cluster/report: the member probe; receiving one marks the sender UP. */
  | { readonly type: 'MEMBER_REPORT' }
  /** PUT /nacos/v1/ns/distro/datum: the owner's push of whole Datums. */
  | { readonly type: 'SYNC_DATUM'; readonly datums: readonly Datum[] }
  /** PUT /nacos/v1/ns/distro/checksum?source=: the verify digest (fire and forget). */
  | { readonly type: 'CHECKSUM'; readonly checksums: Readonly<Record<string, string>> }
  /** GET /nacos/v1/ns/distro/datum: the verify pull of mismatching keys. */
  | { readonly type: 'DATUM_QUERY'; readonly keys: readonly string[] }
  /** GET /nacos/v1/ns/distro/datums: the startup snapshot of the whole store. */
  | { readonly type: 'SNAPSHOT_QUERY' }
  /** The answer to DATUM_QUERY and SNAPSHOT_QUERY. */
  | { readonly type: 'DATUMS'; readonly datums: readonly Datum[] }
  /** POST /nacos/v1/ns/service/status: health checksums of owned services (fire and forget). */
  | { readonly type: 'SERVICE_STATUS'; readonly checksums: Readonly<Record<string, string>> }
  /** GET /nacos/v1/ns/instance/statuses?key=: the health flags of one service. */
  | { readonly type: 'STATUSES_QUERY'; readonly key: string }
  /** The answer to STATUSES_QUERY: `{"ips":["ip:port_true", …]}`. */
  | { readonly type: 'STATUSES'; readonly ips: readonly string[] };

export type WireType = WireMessage['type'];

/**
 * A message in flight. Requests that expect an answer carry `timeoutMs`: the network fails
 * them (timeout or connection refused) when no answer arrives in time, as an HTTP client
 * would. Answers carry `replyTo`, the id of the request they answer.
 */
export interface Envelope {
  /** Unique in a run: `<sender>#<sequence>`. */
  readonly id: string;
  readonly from: Address;
  readonly to: Address;
  readonly body: WireMessage;
  readonly timeoutMs?: number;
  readonly replyTo?: string;
}

/** Message kinds for colouring and filtering; several wire types share one. */
export type MessageKind = 'probe' | 'client' | 'forward' | 'sync' | 'verify' | 'pull' | 'snapshot' | 'status';

export function kindOf(envelope: Envelope): MessageKind {
  const body = envelope.body;
  switch (body.type) {
    case 'MEMBER_REPORT':
      return 'probe';
    case 'REGISTER':
    case 'DEREGISTER':
    case 'BEAT':
      return body.viaPeer ? 'forward' : 'client';
    case 'LIST_INSTANCES':
    case 'LIST_SERVICES':
      return 'client';
    case 'SYNC_DATUM':
      return 'sync';
    case 'CHECKSUM':
      return 'verify';
    case 'DATUM_QUERY':
      return 'pull';
    case 'SNAPSHOT_QUERY':
      return 'snapshot';
    case 'SERVICE_STATUS':
    case 'STATUSES_QUERY':
    case 'STATUSES':
      return 'status';
    case 'DATUMS':
    case 'HTTP_RESPONSE':
      // On its own an answer reads as client traffic; the world, which pairs answers with
      // requests, gives each the kind of its request (World.kindOfMessage).
      return 'client';
  }
}

/**
 * A new key → checksum map for a digest. Built without a prototype, so V8 keeps it as a hash
 * table: as an ordinary object every distinct set of service keys would grow its own chain
 * of hidden classes, and every receiver's lookups into it would go megamorphic.
 */
export function emptyDigest(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}
