import type { Address } from '../protocol/model.ts';

/**
 * Scenarios name nodes n1…nN; the world gives node I the address 10.0.0.I:8848. Names keep
 * scenario files short and readable, addresses are what the protocol sorts and hashes.
 */
export const NODE_NAME_PATTERN = /^n([1-9][0-9]*)$/;
export const NODE_PORT = 8848;
/** 10.0.0.I stays a valid host address up to I = 254. */
export const MAX_NODES = 254;

const ADDRESS_PATTERN = /^10\.0\.0\.([1-9][0-9]*):8848$/;

/** n3 → 3, or null for anything that is not a node name. */
export function nodeIndex(name: string): number | null {
  const match = NODE_NAME_PATTERN.exec(name);
  return match ? Number(match[1]) : null;
}

/** n3 → "10.0.0.3:8848". Throws on a malformed name: callers validate names first. */
export function nodeAddress(name: string): Address {
  const index = nodeIndex(name);
  if (index === null) throw new Error(`not a node name: ${JSON.stringify(name)}`);
  return addressOfIndex(index);
}

export function addressOfIndex(index: number): Address {
  return `10.0.0.${index}:${NODE_PORT}`;
}

/** "10.0.0.3:8848" → n3; an address outside the scheme is returned as it is. */
export function nodeName(address: Address): string {
  const match = ADDRESS_PATTERN.exec(address);
  return match ? `n${match[1]}` : address;
}

/** Rewrites every node address in a text (a checker's problem line) to its name. */
export function withNodeNames(text: string): string {
  return text.replace(/\b10\.0\.0\.([1-9][0-9]*):8848\b/g, 'n$1');
}
