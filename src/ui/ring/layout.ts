/**
 * Ways to lay the ring out, chosen by the ring's own width. Wide (a desktop): client columns
 * either side of the ring, words at reading size. Medium (a narrow column): clients in a
 * strip below, larger words. Compact (a phone): as medium with fewer words; addresses stay
 * in the nodes' accessible names and tooltips. All keep the ring itself at one size in user
 * units, so the geometry is shared.
 */
export interface RingLayout {
  readonly name: 'wide' | 'medium' | 'compact';
  /** The SVG's viewBox; the canvas maps the same box onto its pixels. */
  readonly view: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly chipFont: number;
  readonly chipH: number;
  readonly chipPitch: number;
  readonly chipCounts: boolean;
  /** Longer service names are shortened with an ellipsis. */
  readonly chipMaxChars: number;
  /** The node addresses' size; 0 leaves them out. */
  readonly addressFont: number;
  /** Node name size as a fraction of the node's radius. */
  readonly nameScale: number;
  readonly clientsAt: 'sides' | 'bottom';
  readonly clientR: number;
  readonly clientPitch: number;
  readonly clientFont: number;
  readonly lineFont: number;
  readonly captionFont: number;
}

export const WIDE: RingLayout = {
  name: 'wide',
  view: { x: -660, y: -500, w: 1320, h: 1000 },
  chipFont: 18,
  chipH: 30,
  chipPitch: 37,
  chipCounts: true,
  chipMaxChars: 24,
  addressFont: 17,
  nameScale: 0.6,
  clientsAt: 'sides',
  clientR: 9,
  clientPitch: 24,
  clientFont: 18,
  lineFont: 19,
  captionFont: 24,
};

const BELOW = { x: -560, y: -545, w: 1120, h: 1225 };

export const MEDIUM: RingLayout = {
  name: 'medium',
  view: BELOW,
  chipFont: 24,
  chipH: 38,
  chipPitch: 45,
  chipCounts: true,
  chipMaxChars: 14,
  addressFont: 21,
  nameScale: 0.66,
  clientsAt: 'bottom',
  clientR: 12,
  clientPitch: 30,
  clientFont: 23,
  lineFont: 25,
  captionFont: 29,
};

export const COMPACT: RingLayout = {
  name: 'compact',
  view: BELOW,
  chipFont: 30,
  chipH: 46,
  chipPitch: 54,
  chipCounts: false,
  chipMaxChars: 9,
  addressFont: 0,
  nameScale: 0.72,
  clientsAt: 'bottom',
  clientR: 14,
  clientPitch: 36,
  clientFont: 28,
  lineFont: 30,
  captionFont: 34,
};

/** The layout for a ring this many CSS pixels wide. */
export function layoutFor(widthPx: number): RingLayout {
  if (widthPx <= 0 || widthPx >= 820) return WIDE;
  return widthPx >= 460 ? MEDIUM : COMPACT;
}
