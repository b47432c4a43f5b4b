/** Virtual milliseconds as seconds with one decimal: 12345 → "12.3". */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** The first 8 hex digits: enough to tell checksums apart at a glance. */
export function shortChecksum(checksum: string): string {
  return checksum.length > 8 ? checksum.slice(0, 8) : checksum;
}

const DATUM_KEY_PREFIX = /com\.alibaba\.nacos\.naming\.iplist\.(?:ephemeral\.)?([^#]+)##/g;

/**
 * Datum keys without their Nacos prefix; a namespace other than `public` stays in front:
 * `beatCheck:com.alibaba.nacos.naming.iplist.ephemeral.public##G@@s` → `beatCheck:G@@s`.
 */
export function shortKey(key: string): string {
  return key.replace(DATUM_KEY_PREFIX, (_match, namespace: string) =>
    namespace === 'public' ? '' : `${namespace}##`,
  );
}

/** `k=v, k=v`, or an em dash when there is none. */
export function metadataText(metadata: Readonly<Record<string, string>>): string {
  const entries = Object.entries(metadata);
  return entries.length === 0 ? '—' : entries.map(([key, value]) => `${key}=${value}`).join(', ');
}

/** The payload as indented JSON; a body that is not JSON is shown as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
