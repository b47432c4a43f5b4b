import { describe, expect, it } from 'vitest';
import { PairMemo } from './pairMemo.ts';

describe('PairMemo', () => {
  it('builds each pair once and hands back the same string', () => {
    let builds = 0;
    const memo = new PairMemo<number>((ip, port) => {
      builds += 1;
      return `${ip}:${port}`;
    });
    const first = memo.get('10.0.0.1', 8080);
    expect(first).toBe('10.0.0.1:8080');
    expect(memo.get('10.0.0.1', 8080)).toBe(first);
    expect(memo.get('10.0.0.1', 8081)).toBe('10.0.0.1:8081');
    expect(builds).toBe(2);
  });

  it('starts over when the bound is reached, still answering correctly', () => {
    let builds = 0;
    const memo = new PairMemo<number>((a, b) => {
      builds += 1;
      return `${a}/${b}`;
    }, 2);
    memo.get('a', 1);
    memo.get('a', 2);
    expect(memo.get('b', 3)).toBe('b/3'); // the third entry clears the memo first
    expect(memo.get('a', 1)).toBe('a/1');
    expect(builds).toBe(4);
  });
});
