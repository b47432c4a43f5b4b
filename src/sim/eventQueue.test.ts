import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue.ts';
import { Rng } from './rng.ts';

function drain<T>(queue: EventQueue<T>): { atMs: number; seq: number; item: T }[] {
  const out: { atMs: number; seq: number; item: T }[] = [];
  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
    out.push({ atMs: entry.atMs, seq: entry.seq, item: entry.item });
  }
  return out;
}

describe('EventQueue', () => {
  it('starts empty', () => {
    const queue = new EventQueue<string>();
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBe(Number.POSITIVE_INFINITY);
    expect(queue.pop()).toBeUndefined();
  });

  it('pops in time order and returns the seq push gave', () => {
    const queue = new EventQueue<string>();
    const seqC = queue.push(30, 'c');
    const seqA = queue.push(10, 'a');
    const seqB = queue.push(20, 'b');
    expect([seqC, seqA, seqB]).toEqual([0, 1, 2]);
    expect(queue.size).toBe(3);
    expect(queue.peekTime()).toBe(10);
    expect(drain(queue)).toEqual([
      { atMs: 10, seq: 1, item: 'a' },
      { atMs: 20, seq: 2, item: 'b' },
      { atMs: 30, seq: 0, item: 'c' },
    ]);
    expect(queue.size).toBe(0);
  });

  it('pops equal times in insertion order', () => {
    const queue = new EventQueue<number>();
    for (let i = 0; i < 50; i++) queue.push(i % 2 === 0 ? 5 : 1, i);
    const items = drain(queue).map((entry) => entry.item);
    const odds = Array.from({ length: 25 }, (_, i) => 2 * i + 1);
    const evens = Array.from({ length: 25 }, (_, i) => 2 * i);
    expect(items).toEqual([...odds, ...evens]);
  });

  it('clear() empties it but keeps seqs unique', () => {
    const queue = new EventQueue<string>();
    queue.push(1, 'a');
    queue.push(2, 'b');
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBe(Number.POSITIVE_INFINITY);
    expect(queue.push(3, 'c')).toBe(2);
    expect(drain(queue)).toEqual([{ atMs: 3, seq: 2, item: 'c' }]);
  });

  it('breaks ties of equal times by rank before insertion order', () => {
    const queue = new EventQueue<string>();
    queue.push(10, 'late-created', 7);
    queue.push(10, 'early-created', 3);
    queue.push(5, 'earlier', 9);
    queue.push(10, 'early-created-2', 3);
    expect(drain(queue).map((entry) => entry.item)).toEqual([
      'earlier',
      'early-created',
      'early-created-2',
      'late-created',
    ]);
  });

  it('rejects NaN times', () => {
    expect(() => new EventQueue<string>().push(Number.NaN, 'x')).toThrow(RangeError);
  });

  it('agrees with a sorted array under random interleaved pushes and pops', () => {
    const rng = new Rng(2024);
    for (let round = 0; round < 20; round++) {
      const queue = new EventQueue<number>();
      const reference: { atMs: number; seq: number; item: number }[] = [];
      const got: unknown[] = [];
      const expected: unknown[] = [];
      for (let step = 0; step < 2_000; step++) {
        if (rng.chance(0.6)) {
          // Few distinct times so ties are common.
          const atMs = rng.int(40);
          const seq = queue.push(atMs, step);
          // Seqs only grow, so the new entry goes after every entry with time <= atMs.
          const at = reference.findIndex((entry) => entry.atMs > atMs);
          reference.splice(at < 0 ? reference.length : at, 0, { atMs, seq, item: step });
        } else {
          const entry = queue.pop();
          got.push(
            entry ? entry.atMs : Number.POSITIVE_INFINITY,
            entry && { atMs: entry.atMs, seq: entry.seq, item: entry.item },
          );
          expected.push(reference[0]?.atMs ?? Number.POSITIVE_INFINITY, reference.shift());
        }
        got.push(queue.size);
        expected.push(reference.length);
      }
      expect(got).toEqual(expected);
      expect(drain(queue)).toEqual(reference);
    }
  });
});
