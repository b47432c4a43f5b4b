import { groupedServiceName } from '../protocol/model.ts';
import type { TraceRecord } from '../sim/types.ts';
import { nodeName } from './names.ts';
import type { NarrationCard, NarrationWhen } from './schema.ts';
import { formatSeconds } from './units.ts';

/**
 * Decides when the narration cards of a scenario are shown. It is pure and knows nothing of
 * worlds or screens: the runner and the UI feed it the same things in time order (trace
 * records, the steps they apply, and how far virtual time has got) and it answers with the
 * cards that fire. Each card fires once, the first time its trigger matches:
 *
 * - `atMs` cards fire when time reaches atMs, before anything else that happens at atMs
 *   (a step at the same time included);
 * - `when` cards fire at the first matching event at or after `when.sinceMs` (default 0): a
 *   member state change, an instance change or a protocol note in the trace, or the
 *   application of a step (after the step is applied).
 *
 * Within one call, the timed cards that came due fire first (in time order, then card order),
 * then the matching event cards in card order. A tracker only moves forward: to go back in
 * time (a seek, a replay), make a new one and feed it the run again.
 */
export interface NarrationFiring {
  /** The card's index in the scenario's narration list. */
  readonly index: number;
  /** The virtual time it fired at. */
  readonly atMs: number;
}

export class NarrationTracker {
  /** Timed cards in the order they are due. */
  private readonly timed: { readonly index: number; readonly atMs: number }[];
  private nextTimed = 0;
  /** Event cards that have not fired yet, in card order. */
  private waiting: { readonly index: number; readonly when: NarrationWhen }[];
  private readonly firedList: NarrationFiring[] = [];
  private nowMs = 0;

  constructor(private readonly cards: readonly NarrationCard[]) {
    this.timed = cards
      .flatMap((card, index) =>
        card.when === undefined && card.atMs !== undefined ? [{ index, atMs: card.atMs }] : [],
      )
      .sort((a, b) => a.atMs - b.atMs || a.index - b.index);
    this.waiting = cards.flatMap((card, index) =>
      card.when === undefined ? [] : [{ index, when: card.when }],
    );
  }

  /** Virtual time has reached nowMs: the timed cards due by then fire, at their own times. */
  advanceTo(nowMs: number): NarrationFiring[] {
    this.nowMs = Math.max(this.nowMs, nowMs);
    const fired: NarrationFiring[] = [];
    while (this.timed[this.nextTimed] !== undefined && this.timed[this.nextTimed]!.atMs <= this.nowMs) {
      const { index, atMs } = this.timed[this.nextTimed]!;
      this.nextTimed += 1;
      fired.push(this.fire(index, atMs));
    }
    return fired;
  }

  /** One trace record, in time order: the timed cards due by its time, then the cards it matches. */
  record(record: TraceRecord): NarrationFiring[] {
    const fired = this.advanceTo(record.atMs);
    return [...fired, ...this.fireWaiting(record.atMs, (when) => matchesRecord(when, record))];
  }

  /** The scenario's steps[index] was applied at atMs (after the timed cards due by then). */
  stepApplied(index: number, atMs: number): NarrationFiring[] {
    const fired = this.advanceTo(atMs);
    return [...fired, ...this.fireWaiting(atMs, (when) => 'step' in when && when.step === index)];
  }

  /** Every card that has fired, in the order it fired. */
  fired(): readonly NarrationFiring[] {
    return this.firedList;
  }

  /** The indexes of the cards that have not fired yet, in card order. */
  unfired(): number[] {
    const done = new Set(this.firedList.map((firing) => firing.index));
    return this.cards.flatMap((_, index) => (done.has(index) ? [] : [index]));
  }

  private fireWaiting(atMs: number, matches: (when: NarrationWhen) => boolean): NarrationFiring[] {
    const fired: NarrationFiring[] = [];
    this.waiting = this.waiting.filter(({ index, when }) => {
      if (atMs < (when.sinceMs ?? 0) || !matches(when)) return true;
      fired.push(this.fire(index, atMs));
      return false;
    });
    return fired;
  }

  private fire(index: number, atMs: number): NarrationFiring {
    const firing = { index, atMs };
    this.firedList.push(firing);
    return firing;
  }
}

/** Node names in triggers are compared with the names of the addresses in the record. */
function matchesRecord(when: NarrationWhen, record: TraceRecord): boolean {
  if ('member' in when) {
    const t = when.member;
    return (
      record.type === 'member' &&
      record.to === t.state &&
      (t.observer === undefined || nodeName(record.observer) === t.observer) &&
      (t.subject === undefined || nodeName(record.subject) === t.subject)
    );
  }
  if ('instance' in when) {
    const t = when.instance;
    return (
      record.type === 'instance' &&
      record.change === t.change &&
      record.service === groupedServiceName(t.service, t.group) &&
      (t.instance === undefined || record.instance === t.instance) &&
      (t.node === undefined || nodeName(record.observer) === t.node)
    );
  }
  if ('note' in when) {
    const t = when.note;
    return (
      record.type === 'note' &&
      record.code === t.code &&
      (t.node === undefined || nodeName(record.observer) === t.node)
    );
  }
  return false;
}

/** What a card waits for, in words: "n2 to see n1 DOWN after 40.0 s". */
export function describeTrigger(card: NarrationCard): string {
  if (card.when === undefined) return `the time ${formatSeconds(card.atMs ?? 0)}`;
  const sinceMs = card.when.sinceMs;
  const since = sinceMs === undefined ? '' : ` at or after ${formatSeconds(sinceMs)}`;
  return `${describeWhen(card.when)}${since}`;
}

function describeWhen(when: NarrationWhen): string {
  if ('member' in when) {
    const t = when.member;
    return `${t.observer ?? 'any node'} to see ${t.subject ?? 'any node'} ${t.state}`;
  }
  if ('instance' in when) {
    const t = when.instance;
    const what = `${groupedServiceName(t.service, t.group)}${t.instance === undefined ? '' : ` ${t.instance}`}`;
    return `${what} to be ${t.change} on ${t.node ?? 'any node'}`;
  }
  if ('note' in when) return `a ${when.note.code} note on ${when.note.node ?? 'any node'}`;
  return `steps[${when.step}] to be applied`;
}
