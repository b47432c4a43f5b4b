import type { MessageKind } from '../../protocol/messages.ts';

/** Every message kind in legend order: the cluster's own chatter first, then the data path. */
export const MESSAGE_KINDS: readonly MessageKind[] = [
  'probe',
  'client',
  'forward',
  'sync',
  'verify',
  'pull',
  'snapshot',
  'status',
];

/**
 * The colours the canvas needs as plain strings: it cannot resolve `var(--kind-sync)`
 * itself. ring.css declares `--ring-kind-*` on the ring with fallbacks, so the computed
 * value is always a colour, whether or not the shell's theme has landed.
 */
export interface Palette {
  readonly kinds: Readonly<Record<MessageKind, string>>;
  readonly bad: string;
  readonly muted: string;
  readonly fg: string;
  readonly bg: string;
}

const FALLBACK_KINDS: Readonly<Record<MessageKind, string>> = {
  probe: '#8b95a7',
  client: '#14a3a3',
  forward: '#e8772e',
  sync: '#3b73e6',
  verify: '#9a57d6',
  pull: '#e0448f',
  snapshot: '#c99a06',
  status: '#3fa34d',
};

export const FALLBACK_PALETTE: Palette = {
  kinds: FALLBACK_KINDS,
  bad: '#d64545',
  muted: '#5b6475',
  fg: '#1d2330',
  bg: '#f7f8fa',
};

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const kinds = {} as Record<MessageKind, string>;
  for (const kind of MESSAGE_KINDS) kinds[kind] = read(`--ring-kind-${kind}`, FALLBACK_KINDS[kind]);
  return {
    kinds,
    bad: read('--ring-bad', FALLBACK_PALETTE.bad),
    muted: read('--ring-muted', FALLBACK_PALETTE.muted),
    fg: read('--ring-fg', FALLBACK_PALETTE.fg),
    bg: read('--ring-bg', FALLBACK_PALETTE.bg),
  };
}

/**
 * Service colours tie a service's chips to its clients. A service keeps the colour it got
 * first, so colours never shift while a run goes on; the order of first sight is the same
 * on every replay of a seed.
 */
const SERVICE_HUES = [212, 28, 152, 280, 48, 330, 188, 96, 252];
const serviceHues = new Map<string, number>();

export function serviceColour(service: string): string {
  let hue = serviceHues.get(service);
  if (hue === undefined) {
    hue = SERVICE_HUES[serviceHues.size % SERVICE_HUES.length]!;
    serviceHues.set(service, hue);
  }
  return `hsl(${hue} 68% 48%)`;
}
