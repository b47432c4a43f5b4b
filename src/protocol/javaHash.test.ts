import { describe, expect, it } from 'vitest';
import { A, B, C, SVC } from './harness.test-utils.ts';
import { distroHash, javaStringHashCode } from './javaHash.ts';
import { ownerIn } from './mapper.ts';

/** Reference §4.1 test vectors, checked there with a real JVM. */
const VECTORS: readonly { tag: string; hashCode: number; distroHash: number; mod3: number; mod2: number }[] =
  [
    { tag: 'DEFAULT_GROUP@@demo', hashCode: -1251993628, distroHash: 1251993628, mod3: 1, mod2: 0 },
    { tag: 'DEFAULT_GROUP@@order-service', hashCode: 490904149, distroHash: 490904149, mod3: 1, mod2: 1 },
    { tag: 'DEFAULT_GROUP@@user-service', hashCode: 49554356, distroHash: 49554356, mod3: 2, mod2: 0 },
    {
      tag: 'DEFAULT_GROUP@@com.taobao.service',
      hashCode: 614666819,
      distroHash: 614666819,
      mod3: 2,
      mod2: 1,
    },
    { tag: '127.0.0.1:8080', hashCode: -35736627, distroHash: 35736627, mod3: 0, mod2: 1 },
    { tag: '10.0.0.5:8080', hashCode: -1528827200, distroHash: 1528827200, mod3: 2, mod2: 0 },
    { tag: '192.168.1.10:20880', hashCode: 1579419571, distroHash: 1579419571, mod3: 1, mod2: 1 },
    { tag: 'polygenelubricants', hashCode: -2147483648, distroHash: 1, mod3: 1, mod2: 1 },
  ];

const REF_LIST = ['192.168.0.1:8848', '192.168.0.2:8848', '192.168.0.3:8848'];

describe('javaStringHashCode and distroHash (reference §4.1)', () => {
  it.each(VECTORS)('$tag → hashCode $hashCode, distroHash $distroHash', (row) => {
    expect(javaStringHashCode(row.tag)).toBe(row.hashCode);
    expect(distroHash(row.tag)).toBe(row.distroHash);
    expect(distroHash(row.tag) % 3).toBe(row.mod3);
    expect(distroHash(row.tag) % 2).toBe(row.mod2);
    expect(ownerIn(row.tag, REF_LIST)).toBe(REF_LIST[row.mod3]);
  });

  it('maps Integer.MIN_VALUE to 1, not to a negative or overflowed value', () => {
    // MIN_VALUE % MAX_VALUE == -1 in Java (truncated remainder), so abs gives 1.
    expect(javaStringHashCode('polygenelubricants')).toBe(-(2 ** 31));
    expect(distroHash('polygenelubricants')).toBe(1);
  });

  it('hashes the empty string to 0', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(distroHash('')).toBe(0);
  });

  it('hashes a Chinese string over its UTF-16 code units', () => {
    // Computed by hand: "中" = U+4E2D = 20013, "文" = U+6587 = 25991;
    // h = 31·20013 + 25991 = 620403 + 25991 = 646394.
    expect(javaStringHashCode('中文')).toBe(646394);
    expect(distroHash('中文')).toBe(646394);
  });

  it('hashes a surrogate pair as two UTF-16 units, as Java does (not as one code point)', () => {
    // Computed by hand: "😀" = U+1F600 = surrogates 0xD83D (55357), 0xDE00 (56832);
    // h = 31·55357 + 56832 = 1716067 + 56832 = 1772899.
    expect(javaStringHashCode('😀')).toBe(1772899);
    // "a😀b": 97 → 97·31 + 55357 = 58364 → 58364·31 + 56832 = 1866116 → 1866116·31 + 98 = 57849694.
    expect(javaStringHashCode('a😀b')).toBe(57849694);
    // A code-point hash would have given 128512 for "😀".
    expect(javaStringHashCode('😀')).not.toBe(0x1f600);
  });

  it('wraps at 32 bits like Java int arithmetic', () => {
    // 'polygenelubricants' already wraps; a long string must stay a signed 32-bit int.
    const h = javaStringHashCode('x'.repeat(1000));
    expect(Number.isInteger(h)).toBe(true);
    expect(h).toBeGreaterThanOrEqual(-(2 ** 31));
    expect(h).toBeLessThan(2 ** 31);
    // Two characters: 'A' (65) then 'B' (66): 65·31 + 66 = 2081.
    expect(javaStringHashCode('AB')).toBe(2081);
  });
});

describe('owner selection over sorted address lists (reference §4.1)', () => {
  it('orders "10.0.0.10" before "10.0.0.2" (Java String.compareTo, not numeric)', () => {
    const sorted = ['10.0.0.9:8848', '10.0.0.2:8848', '10.0.0.10:8848'].sort();
    expect(sorted).toEqual(['10.0.0.10:8848', '10.0.0.2:8848', '10.0.0.9:8848']);
    // demo → index 1 → the second in lexicographic order, which is 10.0.0.2, not 10.0.0.9.
    expect(ownerIn('DEFAULT_GROUP@@demo', sorted)).toBe('10.0.0.2:8848');
    // user-service → index 2 → 10.0.0.9 (numeric order would have given 10.0.0.10).
    expect(ownerIn('DEFAULT_GROUP@@user-service', sorted)).toBe('10.0.0.9:8848');
    // polygenelubricants → 1 % 3 = 1.
    expect(ownerIn('polygenelubricants', sorted)).toBe('10.0.0.2:8848');
  });

  it('picks the owners the harness relies on over [A, B, C] and over two members', () => {
    expect(ownerIn(SVC.orders, [A, B, C])).toBe(A);
    expect(ownerIn(SVC.pay, [A, B, C])).toBe(A);
    expect(ownerIn(SVC.demo, [A, B, C])).toBe(B);
    expect(ownerIn(SVC.orderService, [A, B, C])).toBe(B);
    expect(ownerIn(SVC.userService, [A, B, C])).toBe(C);
    expect(ownerIn(SVC.cart, [A, B, C])).toBe(C);
    expect(ownerIn(SVC.orders, [A, B])).toBe(A);
    expect(ownerIn(SVC.pay, [A, B])).toBe(B);
    expect(ownerIn(SVC.userService, [A, B])).toBe(A);
    expect(ownerIn(SVC.cart, [A, B])).toBe(B);
    expect(ownerIn(SVC.demo, [B, C])).toBe(B);
    expect(ownerIn(SVC.orderService, [B, C])).toBe(C);
  });

  it('gives no owner for an empty list', () => {
    expect(ownerIn(SVC.demo, [])).toBeUndefined();
  });
});
