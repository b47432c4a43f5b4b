/**
 * Every timing and threshold of the modelled Nacos 1.x Distro, with the default the
 * reference (shared/reference/nacos-distro.md §1) gives for it. A cluster can override
 * any of them; nothing in the protocol reads a literal number instead.
 */
export interface DistroConfig {
  /** Delay before the first push of a changed key (1.x: taskDispatchPeriod / 2). */
  readonly syncDelayMs: number;
  /** 1.x second batching stage: keys for one target are combined for this long. */
  readonly syncBatchDelayMs: number;
  /** A combined batch that reaches this many keys is sent at once. */
  readonly syncBatchKeyCount: number;
  /** A failed push is queued again per key with this delay (1.x syncRetryDelay). */
  readonly syncRetryDelayMs: number;
  /** Timeout of one PUT /distro/datum. */
  readonly syncTimeoutMs: number;
  /** The delay engine scans its tasks every this many ms (NacosDelayTaskExecuteEngine). */
  readonly delayEngineTickMs: number;
  /** Checksum digests of owned keys are sent this often, first run after one interval. */
  readonly verifyIntervalMs: number;
  /** Timeout of the pull (GET /distro/datum) a digest mismatch triggers. */
  readonly verifyPullTimeoutMs: number;
  /** Snapshot load is retried after this long when no member answered. */
  readonly loadRetryDelayMs: number;
  /** Timeout of one snapshot request (GET /distro/datums). */
  readonly loadTimeoutMs: number;
  /** DistroFilter proxy timeout: an unreachable owner gives 500 after this. */
  readonly proxyTimeoutMs: number;
  /** One peer is probed (POST /cluster/report) every this many ms, round robin. */
  readonly memberProbeIntervalMs: number;
  /** The first probe runs this long after the node starts. */
  readonly memberProbeInitialDelayMs: number;
  /** Timeout of one probe. The reference names no value; 3 s is the HTTP default used elsewhere. */
  readonly memberProbeTimeoutMs: number;
  /** A member is DOWN once its consecutive failures exceed this (the 4th failure with 3). */
  readonly memberFailAccessCount: number;
  /** Owner-side beat check runs per service every this many ms, first one period after creation. */
  readonly beatCheckIntervalMs: number;
  /** No beat for longer than this: the owner marks the instance unhealthy. */
  readonly heartbeatTimeoutMs: number;
  /** No beat for longer than this: the owner deletes the instance through its own deregister path. */
  readonly ipDeleteTimeoutMs: number;
  /** clientBeatInterval returned in beat responses. */
  readonly clientBeatIntervalMs: number;
  /** Health-status channel (ServiceReporter): first run after this long. */
  readonly serviceStatusInitialDelayMs: number;
  /** Health-status channel period. */
  readonly serviceStatusIntervalMs: number;
  /** Timeout of GET /instance/statuses. */
  readonly serviceStatusPullTimeoutMs: number;
  /** nacos.naming.data.warmup: refuse client traffic (503) until the snapshot has loaded. */
  readonly dataWarmup: boolean;
  /** nacos.naming.expireInstance: the beat check deletes instances after ipDeleteTimeoutMs. */
  readonly expireInstance: boolean;
  /** The server tells clients to switch to light beats (no body) after the first reply. */
  readonly lightBeatEnabled: boolean;
}

export const DEFAULT_DISTRO_CONFIG: DistroConfig = {
  syncDelayMs: 1000,
  syncBatchDelayMs: 1000,
  syncBatchKeyCount: 1000,
  syncRetryDelayMs: 5000,
  syncTimeoutMs: 3000,
  delayEngineTickMs: 100,
  verifyIntervalMs: 5000,
  verifyPullTimeoutMs: 3000,
  loadRetryDelayMs: 30_000,
  loadTimeoutMs: 30_000,
  proxyTimeoutMs: 2000,
  memberProbeIntervalMs: 2000,
  memberProbeInitialDelayMs: 5000,
  memberProbeTimeoutMs: 3000,
  memberFailAccessCount: 3,
  beatCheckIntervalMs: 5000,
  heartbeatTimeoutMs: 15_000,
  ipDeleteTimeoutMs: 30_000,
  clientBeatIntervalMs: 5000,
  serviceStatusInitialDelayMs: 60_000,
  serviceStatusIntervalMs: 5000,
  serviceStatusPullTimeoutMs: 3000,
  dataWarmup: false,
  expireInstance: true,
  lightBeatEnabled: true,
};

/** Defaults overlaid with a partial override, as a scenario's `params` supplies it. */
export function resolveConfig(overrides: Partial<DistroConfig> = {}): DistroConfig {
  return { ...DEFAULT_DISTRO_CONFIG, ...overrides };
}
