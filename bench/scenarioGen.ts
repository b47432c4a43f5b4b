/** A benchmark scenario: `instanceCount` clients over `serviceCount` services, registered over the first 10 s. */
export function benchScenario(
  nodeCount: number,
  serviceCount: number,
  instanceCount: number,
  durationMs: number,
): string {
  const steps = [];
  for (let i = 0; i < instanceCount; i++) {
    steps.push({
      atMs: Math.floor((i * 10_000) / instanceCount),
      do: 'register',
      client: `c${i}`,
      service: `svc-${i % serviceCount}`,
      ip: `10.${1 + Math.floor(i / 65_536)}.${Math.floor(i / 256) % 256}.${i % 256}`,
      port: 8080,
    });
  }
  return JSON.stringify({
    name: `bench ${nodeCount} nodes`,
    seed: 1,
    cluster: { nodes: nodeCount },
    durationMs,
    steps,
  });
}
