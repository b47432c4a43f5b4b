/**
 * Java's `String.hashCode()`: h = 31·h + c over the UTF-16 code units, wrapping at 32 bits.
 * JavaScript strings are UTF-16 too, so charCodeAt gives exactly the units Java sees,
 * surrogate halves included.
 */
export function javaStringHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  }
  return hash;
}

const JAVA_INT_MAX = 2147483647;

/**
 * DistroMapper.distroHash: `Math.abs(tag.hashCode() % Integer.MAX_VALUE)`.
 * JS `%` truncates toward zero like Java's, and MIN_VALUE % MAX_VALUE is -1, so the
 * absolute value never overflows (it is 1 for "polygenelubricants").
 */
export function distroHash(tag: string): number {
  let hash = memo.get(tag);
  if (hash === undefined) {
    hash = Math.abs(javaStringHashCode(tag) % JAVA_INT_MAX);
    // Every forwarded write and beat hashes its service name; the set of names is small.
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(tag, hash);
  }
  return hash;
}

const MEMO_LIMIT = 100_000;
const memo = new Map<string, number>();
