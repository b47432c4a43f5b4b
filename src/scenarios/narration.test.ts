import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../sim/types.ts';
import { describeTrigger, NarrationTracker } from './narration.ts';
import type { NarrationCard, NarrationWhen } from './schema.ts';

const N = (i: number) => `10.0.0.${i}:8848`;
const SVC = 'DEFAULT_GROUP@@orders';

const text = { en: 'English', zh: '中文' };
const at = (atMs: number): NarrationCard => ({ ...text, atMs });
const on = (when: NarrationWhen): NarrationCard => ({ ...text, when });

const member = (atMs: number, observer: number, subject: number, to: 'UP' | 'SUSPICIOUS' | 'DOWN') =>
  ({ type: 'member', observer: N(observer), subject: N(subject), from: 'UP', to, atMs }) as TraceRecord;
const instance = (atMs: number, observer: number, change: 'added' | 'removed', host = '10.1.0.1:8080') =>
  ({ type: 'instance', observer: N(observer), service: SVC, instance: host, change, atMs }) as TraceRecord;
const note = (atMs: number, observer: number, code: 'syncFailed' | 'digestIgnored') =>
  ({ type: 'note', observer: N(observer), code, detail: '', atMs }) as TraceRecord;

describe('NarrationTracker', () => {
  it('fires timed cards when time reaches them, at their own times and in time order', () => {
    const tracker = new NarrationTracker([at(5000), at(1000), at(5000), at(9000)]);
    expect(tracker.advanceTo(999)).toEqual([]);
    expect(tracker.advanceTo(6000)).toEqual([
      { index: 1, atMs: 1000 },
      { index: 0, atMs: 5000 },
      { index: 2, atMs: 5000 },
    ]);
    // Time never runs backwards and nothing fires twice.
    expect(tracker.advanceTo(2000)).toEqual([]);
    expect(tracker.unfired()).toEqual([3]);
    expect(tracker.advanceTo(9000)).toEqual([{ index: 3, atMs: 9000 }]);
    expect(tracker.unfired()).toEqual([]);
  });

  it('fires a timed card before a record or a step at the same time', () => {
    const tracker = new NarrationTracker([on({ step: 0 }), at(4000), on({ note: { code: 'syncFailed' } })]);
    expect(tracker.record(note(4000, 1, 'syncFailed'))).toEqual([
      { index: 1, atMs: 4000 },
      { index: 2, atMs: 4000 },
    ]);
    expect(tracker.stepApplied(0, 4000)).toEqual([{ index: 0, atMs: 4000 }]);
    expect(tracker.fired().map((firing) => firing.index)).toEqual([1, 2, 0]);
  });

  it('matches member changes by observer, subject and new state; names are optional', () => {
    const tracker = new NarrationTracker([
      on({ member: { observer: 'n2', subject: 'n1', state: 'DOWN' } }),
      on({ member: { subject: 'n1', state: 'SUSPICIOUS' } }),
      on({ member: { state: 'UP' } }),
    ]);
    expect(tracker.record(member(1000, 3, 1, 'DOWN'))).toEqual([]);
    expect(tracker.record(member(2000, 2, 3, 'DOWN'))).toEqual([]);
    expect(tracker.record(member(3000, 3, 1, 'SUSPICIOUS'))).toEqual([{ index: 1, atMs: 3000 }]);
    expect(tracker.record(member(4000, 2, 1, 'DOWN'))).toEqual([{ index: 0, atMs: 4000 }]);
    expect(tracker.record(member(5000, 1, 2, 'UP'))).toEqual([{ index: 2, atMs: 5000 }]);
  });

  it('matches instance changes by node, grouped service, instance and change', () => {
    const tracker = new NarrationTracker([
      on({ instance: { node: 'n2', service: 'orders', group: 'DEFAULT_GROUP', change: 'removed' } }),
      on({ instance: { service: 'orders', group: 'OTHER', change: 'added' } }),
      on({
        instance: { service: 'orders', group: 'DEFAULT_GROUP', instance: '10.1.0.2:8080', change: 'added' },
      }),
    ]);
    expect(tracker.record(instance(1000, 1, 'removed'))).toEqual([]);
    expect(tracker.record(instance(1100, 2, 'added'))).toEqual([]);
    expect(tracker.record(instance(1200, 2, 'removed'))).toEqual([{ index: 0, atMs: 1200 }]);
    expect(tracker.record(instance(1300, 3, 'added', '10.1.0.2:8080'))).toEqual([{ index: 2, atMs: 1300 }]);
    expect(tracker.unfired()).toEqual([1]);
  });

  it('matches notes by code and node, and steps by index', () => {
    const tracker = new NarrationTracker([
      on({ note: { node: 'n3', code: 'digestIgnored' } }),
      on({ step: 2 }),
    ]);
    expect(tracker.record(note(100, 1, 'digestIgnored'))).toEqual([]);
    expect(tracker.record(note(200, 3, 'digestIgnored'))).toEqual([{ index: 0, atMs: 200 }]);
    expect(tracker.stepApplied(1, 300)).toEqual([]);
    expect(tracker.stepApplied(2, 400)).toEqual([{ index: 1, atMs: 400 }]);
  });

  it('ignores matching events before sinceMs, and fires each card only once', () => {
    const tracker = new NarrationTracker([
      on({ member: { observer: 'n1', state: 'DOWN' }, sinceMs: 10_000 }),
    ]);
    expect(tracker.record(member(9999, 1, 2, 'DOWN'))).toEqual([]);
    expect(tracker.record(member(10_000, 1, 2, 'DOWN'))).toEqual([{ index: 0, atMs: 10_000 }]);
    expect(tracker.record(member(11_000, 1, 3, 'DOWN'))).toEqual([]);
    expect(tracker.fired()).toEqual([{ index: 0, atMs: 10_000 }]);
  });

  it('ignores world records (node lifecycle and step lines)', () => {
    const tracker = new NarrationTracker([on({ step: 0 })]);
    expect(tracker.record({ type: 'step', text: 'client a registers', atMs: 0 })).toEqual([]);
    expect(tracker.record({ type: 'node', observer: N(1), status: 'killed', atMs: 0 })).toEqual([]);
    expect(tracker.unfired()).toEqual([0]);
  });
});

describe('describeTrigger', () => {
  it('says what a card waits for', () => {
    expect(describeTrigger(at(12_000))).toBe('the time 12.0 s');
    expect(
      describeTrigger(on({ member: { observer: 'n2', subject: 'n1', state: 'DOWN' }, sinceMs: 40_000 })),
    ).toBe('n2 to see n1 DOWN at or after 40.0 s');
    expect(
      describeTrigger(
        on({
          instance: {
            service: 'orders',
            group: 'DEFAULT_GROUP',
            instance: '10.1.0.1:8080',
            change: 'removed',
          },
        }),
      ),
    ).toBe('DEFAULT_GROUP@@orders 10.1.0.1:8080 to be removed on any node');
    expect(describeTrigger(on({ note: { node: 'n1', code: 'syncFailed' } }))).toBe('a syncFailed note on n1');
    expect(describeTrigger(on({ step: 3 }))).toBe('steps[3] to be applied');
  });
});
