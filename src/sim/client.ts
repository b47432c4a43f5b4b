import type { FailureReason } from '../protocol/io.ts';
import type { BeatInfo, Envelope, InstanceParams, InstanceRef, WireMessage } from '../protocol/messages.ts';
import {
  type Address,
  DEFAULT_CLUSTER,
  DEFAULT_GROUP,
  DEFAULT_NAMESPACE,
  groupedServiceName,
} from '../protocol/model.ts';
import type { Rng } from './rng.ts';
import type { ClientSpec } from './types.ts';

/**
 * The 1.x client's HTTP connect timeout (NamingHttpClientManager, 3 s). The 50 s read
 * timeout is not modelled apart: an unreachable server here never accepts the connection.
 */
export const CLIENT_REQUEST_TIMEOUT_MS = 3000;
/** BeatInfo.period: the default heartbeat interval. */
export const CLIENT_BEAT_PERIOD_MS = 5000;
/** namingRequestDomainMaxRetryCount: a single-server list is retried this many times. */
export const SINGLE_SERVER_ATTEMPTS = 3;

/** What a client may ask of the world. */
export interface ClientPort {
  /** The server list the SDK was configured with, in its own order. */
  servers(): readonly Address[];
  send(envelope: Envelope): void;
  /** Calls `onBeatDue` at `atMs`; a later call replaces the earlier one. */
  scheduleBeat(client: SimClient, atMs: number): void;
}

/** One API call in progress: which servers it tried and which one it waits for. */
interface ApiCall {
  readonly body: WireMessage;
  readonly startIndex: number;
  attempt: number;
  readonly purpose: 'register' | 'deregister' | 'beat';
}

/**
 * A Nacos 1.x SDK (NacosNamingService) with one ephemeral instance. Each request picks a
 * random server and fails over in ring order, each server once (NamingProxy.reqApi); the
 * BeatReactor sends the first beat one period after register, then one period after each
 * answer; a 20404 answer makes it register again.
 */
export class SimClient {
  readonly name: string;
  readonly address: Address;
  readonly params: InstanceParams;
  /** The process runs (stopClient pauses it: no beats, answers ignored). */
  alive = true;
  /** Registered and beating (false after deregister). */
  registered = false;
  lightBeat: boolean;
  private readonly calls = new Map<string, ApiCall>();
  private seq = 0;
  private via: Address | undefined;
  private cachedRef: InstanceRef | undefined;
  private cachedBeatInfo: BeatInfo | undefined;

  constructor(
    name: string,
    spec: ClientSpec,
    private readonly rng: Rng,
    private readonly port: ClientPort,
  ) {
    this.name = name;
    this.address = `client/${name}`;
    this.lightBeat = spec.lightBeat ?? false;
    this.via = spec.via;
    this.params = {
      namespace: spec.namespace ?? DEFAULT_NAMESPACE,
      groupedName: groupedServiceName(spec.serviceName, spec.groupName ?? DEFAULT_GROUP),
      ip: spec.ip,
      port: spec.port,
      clusterName: spec.clusterName ?? DEFAULT_CLUSTER,
      weight: spec.weight ?? 1,
      enabled: true,
      healthy: true,
      metadata: { ...(spec.metadata ?? {}) },
    };
  }

  get instanceAddress(): string {
    return `${this.params.ip}:${this.params.port}`;
  }

  /** registerInstance: schedule the beat one period out, then POST the instance. */
  register(nowMs: number): void {
    this.registered = true;
    this.port.scheduleBeat(this, nowMs + CLIENT_BEAT_PERIOD_MS);
    this.call('register', { type: 'REGISTER', params: this.params, viaPeer: false });
  }

  /** deregisterInstance: stop beating, then DELETE the instance. */
  deregister(): void {
    this.registered = false;
    this.call('deregister', { type: 'DEREGISTER', ref: this.ref(), viaPeer: false });
  }

  stop(): void {
    this.alive = false;
    this.calls.clear();
  }

  /** The process continues: an overdue beat task runs at once. */
  resume(nowMs: number): void {
    this.alive = true;
    if (this.registered) this.port.scheduleBeat(this, nowMs);
  }

  onBeatDue(): void {
    if (!this.alive || !this.registered) return;
    this.call('beat', {
      type: 'BEAT',
      ref: this.ref(),
      beat: this.lightBeat ? null : this.beatInfo(),
      viaPeer: false,
    });
  }

  /** An answer arrived for one of this client's requests. */
  onAnswer(requestId: string, body: WireMessage, nowMs: number): void {
    const call = this.takeCall(requestId);
    if (!call) return;
    if (body.type !== 'HTTP_RESPONSE' || body.status < 200 || body.status >= 300) {
      this.tryNext(call, nowMs);
      return;
    }
    if (call.purpose === 'beat') this.onBeatAnswer(body.body, nowMs);
  }

  onFailure(requestId: string, _reason: FailureReason, nowMs: number): void {
    const call = this.takeCall(requestId);
    if (call) this.tryNext(call, nowMs);
  }

  private onBeatAnswer(body: unknown, nowMs: number): void {
    const answer = body as { clientBeatInterval?: number; code?: number; lightBeatEnabled?: boolean };
    if (answer.lightBeatEnabled) this.lightBeat = true;
    if (answer.code === 20404) {
      this.call('register', { type: 'REGISTER', params: this.params, viaPeer: false });
    }
    const intervalMs =
      answer.clientBeatInterval && answer.clientBeatInterval > 0
        ? answer.clientBeatInterval
        : CLIENT_BEAT_PERIOD_MS;
    this.port.scheduleBeat(this, nowMs + intervalMs);
  }

  private takeCall(requestId: string): ApiCall | undefined {
    if (!this.alive) return undefined;
    const call = this.calls.get(requestId);
    this.calls.delete(requestId);
    return call;
  }

  private call(purpose: ApiCall['purpose'], body: WireMessage): void {
    const servers = this.port.servers();
    const viaIndex = this.via === undefined ? -1 : servers.indexOf(this.via);
    this.via = undefined; // `via` steers the first request only
    const startIndex = viaIndex >= 0 ? viaIndex : this.rng.int(servers.length);
    this.attempt({ body, startIndex, attempt: 0, purpose });
  }

  private tryNext(call: ApiCall, nowMs: number): void {
    call.attempt += 1;
    // With one server (a domain name in the SDK's eyes) reqApi tries it up to 3 times.
    const servers = this.port.servers().length;
    const attempts = servers === 1 ? SINGLE_SERVER_ATTEMPTS : servers;
    if (call.attempt < attempts) {
      this.attempt(call);
      return;
    }
    // "failed to req API after all servers tried": a beat task still reschedules itself.
    if (call.purpose === 'beat') this.port.scheduleBeat(this, nowMs + CLIENT_BEAT_PERIOD_MS);
  }

  private attempt(call: ApiCall): void {
    const servers = this.port.servers();
    const to = servers[(call.startIndex + call.attempt) % servers.length]!;
    this.seq += 1;
    const id = `${this.address}#${this.seq}`;
    this.calls.set(id, call);
    this.port.send({ id, from: this.address, to, body: call.body, timeoutMs: CLIENT_REQUEST_TIMEOUT_MS });
  }

  /** The instance's identity, built once: params never change, and a beat every 5 s reuses it. */
  private ref(): InstanceRef {
    const p = this.params;
    this.cachedRef ??= {
      namespace: p.namespace,
      groupedName: p.groupedName,
      ip: p.ip,
      port: p.port,
      clusterName: p.clusterName,
    };
    return this.cachedRef;
  }

  private beatInfo(): BeatInfo {
    const p = this.params;
    this.cachedBeatInfo ??= {
      ip: p.ip,
      port: p.port,
      groupedName: p.groupedName,
      clusterName: p.clusterName,
      weight: p.weight,
      metadata: p.metadata,
    };
    return this.cachedBeatInfo;
  }
}
