import { md5 } from 'js-md5';
import type { Instance } from './model.ts';

/** Java prints a double with at least one decimal: 1.0, 0.5, 100.0. */
export function javaDouble(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/** Instance.toString in 1.x: datumKey_weight_healthy_marked_cluster; the checksum's sort key. */
function instanceSortKey(instance: Instance): string {
  const datumKey = `${instance.ip}:${instance.port}:unknown:${instance.clusterName}`;
  return `${datumKey}_${javaDouble(instance.weight)}_${instance.healthy}_${instance.marked}_${instance.clusterName}`;
}

function sortedMetadata(metadata: Readonly<Record<string, string>>): string {
  let text = '';
  for (const key of Object.keys(metadata).sort()) text += `${key}:${metadata[key]},`;
  return text;
}

/**
 * Instances.recalculateChecksum (1.x): the MD5 of every instance's
 * `ip:port_weight_healthy_enabled_cluster_` plus its sorted metadata, in toString order.
 * It includes `healthy`, so a health flip changes the digest a verify sends.
 */
export function datumChecksum(instances: readonly Instance[]): string {
  const keyed = instances.map((instance) => ({ instance, sortKey: instanceSortKey(instance) }));
  keyed.sort((a, b) => compare(a.sortKey, b.sortKey));
  let text = '';
  for (const { instance: i } of keyed) {
    text += `${i.ip}:${i.port}_${javaDouble(i.weight)}_${i.healthy}_${i.enabled}_${i.clusterName}_`;
    text += sortedMetadata(i.metadata);
    text += ',';
  }
  return md5(text);
}

/**
 * Service.recalculateChecksum (1.x ServiceReporter channel): the service name, then the
 * sorted `ip:port_weight_healthy_cluster` of every instance.
 */
export function serviceStatusChecksum(groupedName: string, instances: readonly Instance[]): string {
  const parts = instances.map(
    (i) => `${i.ip}:${i.port}_${javaDouble(i.weight)}_${i.healthy}_${i.clusterName}`,
  );
  parts.sort(compare);
  return md5(`${groupedName}${parts.map((part) => `${part},`).join('')}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
