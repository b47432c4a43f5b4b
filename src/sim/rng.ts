/**
 * The one source of randomness in the simulation. A run is reproducible from its seed
 * alone, so nothing in src/sim may draw from the platform's random generator.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand),
 * its four words of state filled by splitmix32 (the 32-bit splitmix variant from
 * bryc/code "PRNGs", constants from Hash Prospector). Both are the widely copied
 * versions, so a pinned sequence can be checked against any other implementation.
 */

const UINT32_RANGE = 4294967296;
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `text`, as an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

const GOLDEN_GAMMA = 0x9e3779b9;

/** The splitmix32 output for a state that has already been advanced by GOLDEN_GAMMA. */
function splitmix32Mix(state: number): number {
  let t = state | 0;
  t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
  t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}

export class Rng {
  /** The seed this generator was built from (as uint32); `derive` hashes it, never the state. */
  readonly seed: number;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Any number works as a seed; it is truncated to an unsigned 32-bit integer. */
  constructor(seed: number) {
    this.seed = seed >>> 0;
    // The first four splitmix32 outputs: the state advances by the gamma before each mix.
    const s = this.seed;
    this.a = splitmix32Mix(s + GOLDEN_GAMMA);
    this.b = splitmix32Mix(s + 2 * GOLDEN_GAMMA);
    this.c = splitmix32Mix(s + 3 * GOLDEN_GAMMA);
    this.d = splitmix32Mix(s + 4 * GOLDEN_GAMMA);
  }

  /** The next raw output as an unsigned 32-bit integer (one sfc32 step). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / UINT32_RANGE;
  }

  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    if (!(maxExclusive >= 1)) throw new RangeError(`int(${maxExclusive}): the bound must be at least 1`);
    return Math.floor(this.next() * Math.floor(maxExclusive));
  }

  /** An integer in [minIncl, maxIncl]. */
  range(minIncl: number, maxIncl: number): number {
    if (maxIncl < minIncl) throw new RangeError(`range(${minIncl}, ${maxIncl}): empty range`);
    return minIncl + this.int(maxIncl - minIncl + 1);
  }

  /** True with the given probability; always consumes one number so streams stay aligned. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[this.int(items.length)] as T;
  }

  /**
   * A child generator for one consumer. It hashes the original seed with the label and
   * takes nothing from this generator, so adding a consumer never shifts another's stream.
   */
  derive(label: string): Rng {
    return new Rng(hashString(`${this.seed.toString(16)}/${label}`));
  }
}

/**
 * A uniform number in [0, 1) that depends only on (seed, key, purpose), not on how many
 * numbers were drawn before. The network draws a message's delay, loss and duplication
 * this way, keyed by the message id, so the order in which a window's messages are routed
 * (which depends on where windows begin and end) can never change a run.
 */
export function keyedUniform(seed: number, key: string, purpose: number): number {
  const mixed = splitmix32Mix(((seed ^ hashString(key)) + Math.imul(purpose + 1, GOLDEN_GAMMA)) | 0);
  return splitmix32Mix(mixed + GOLDEN_GAMMA) / UINT32_RANGE;
}
