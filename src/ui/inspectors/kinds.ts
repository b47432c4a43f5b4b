import type { MessageKind } from '../../protocol/messages.ts';

/** Every message kind, in the order the chips, legends and stacks show them. */
export const KINDS: readonly MessageKind[] = [
  'client',
  'forward',
  'sync',
  'verify',
  'pull',
  'snapshot',
  'status',
  'probe',
];

/**
 * The colour of a kind: the app's `--kind-*` property, with a fallback so the panels read
 * well on their own. inspectors.css defines the same fallbacks for the chips and rows.
 */
export function kindColor(kind: MessageKind): string {
  return `var(--kind-${kind}, ${FALLBACK[kind]})`;
}

const FALLBACK: Readonly<Record<MessageKind, string>> = {
  probe: '#8792a8',
  client: '#2f9e44',
  forward: '#e8590c',
  sync: '#1c7ed6',
  verify: '#9c36b5',
  pull: '#e0a100',
  snapshot: '#0c9c8a',
  status: '#d6336c',
};
