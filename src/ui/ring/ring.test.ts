import { describe, expect, it } from 'vitest';
import type { FrameMessage } from '../../sim/frame.ts';
import { assignChipKeys } from './chips.ts';
import { FlightBoard } from './flights.ts';
import { crossing, firstCrossing, flightCurve, nodeSlots } from './geometry.ts';
import { partitionDrawing } from './partition.ts';

const nodes = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ address: `10.0.0.${i + 1}:8848`, name: `n${i + 1}` }));

describe('partition lines', () => {
  it('{n1} | {n2, n3} is one line, and it separates n1 from the others', () => {
    const slots = nodeSlots(nodes(3));
    const drawing = partitionDrawing(slots, [[slots[0]!.address], [slots[1]!.address, slots[2]!.address]]);
    expect(drawing.lines).toHaveLength(1);
    const line = drawing.lines[0]!;
    const centre = { x: 0, y: 0 };
    // Every path from n1 to another node crosses the line; none between n2 and n3 does.
    expect(crossing(slots[0]!, slots[1]!, line)).not.toBeNull();
    expect(crossing(slots[0]!, slots[2]!, line)).not.toBeNull();
    expect(crossing(slots[1]!, slots[2]!, line)).toBeNull();
    expect(crossing(slots[1]!, centre, line)).toBeNull();
  });

  it('a whole network draws nothing; nodes in no group are not cut off', () => {
    const slots = nodeSlots(nodes(4));
    expect(partitionDrawing(slots, []).lines).toHaveLength(0);
    const drawing = partitionDrawing(slots, [[slots[0]!.address], [slots[2]!.address]]);
    expect(drawing.runs.map((run) => run.group).sort()).toEqual([0, 1]);
  });

  it('a message across the split dies on the line', () => {
    const slots = nodeSlots(nodes(3));
    const drawing = partitionDrawing(slots, [[slots[0]!.address], [slots[1]!.address, slots[2]!.address]]);
    const t = firstCrossing(flightCurve(slots[0]!, slots[1]!, 40, 40), drawing.lines);
    expect(t).toBeGreaterThan(0.1);
    expect(t).toBeLessThan(0.9);
  });
});

describe('chip keys', () => {
  it('a service that changes owner keeps its key: the chip moves', () => {
    const before = assignChipKeys(new Map(), new Map([['g@@orders', ['n1']]]));
    const after = assignChipKeys(before, new Map([['g@@orders', ['n2']]]));
    expect([...before.keys()]).toEqual([...after.keys()]);
    expect([...after.values()][0]).toEqual({ service: 'g@@orders', node: 'n2' });
  });

  it('a second owner (split brain) gets a new key; the first keeps its own', () => {
    const before = assignChipKeys(new Map(), new Map([['g@@orders', ['n2']]]));
    const split = assignChipKeys(before, new Map([['g@@orders', ['n1', 'n2']]]));
    const [key] = [...before.keys()];
    expect(split.get(key!)).toEqual({ service: 'g@@orders', node: 'n2' });
    expect(split.size).toBe(2);
  });
});

describe('flights', () => {
  const message = (over: Partial<FrameMessage>): FrameMessage => ({
    id: 'a#1',
    kind: 'probe',
    from: 'A',
    to: 'B',
    sentAtMs: 1_000,
    endAtMs: 1_020,
    fate: 'delivered',
    ...over,
  });

  it('stretches short flights and sends an answer only when its request has landed', () => {
    const board = new FlightBoard();
    board.ingest(
      [
        message({}),
        message({ id: 'b#1', kind: 'client', from: 'B', to: 'A', sentAtMs: 1_020, endAtMs: 1_040 }),
      ],
      1_100,
      300,
    );
    const [request, reply] = [...board.values()];
    expect(request).toMatchObject({ kind: 'probe', reply: false, startMs: 1_000, endMs: 1_300 });
    expect(reply).toMatchObject({ kind: 'probe', reply: true, startMs: 1_300, endMs: 1_600 });
  });

  it('forgets everything when time goes backwards (a replay)', () => {
    const board = new FlightBoard();
    board.ingest([message({})], 5_000, 300);
    board.ingest([], 1_000, 300);
    expect(board.size).toBe(0);
  });
});
