import type { Effect, NoteCode, TraceEvent } from './io.ts';
import type { Envelope, HttpBody, WireMessage } from './messages.ts';
import type { Address } from './model.ts';
import type { NodeState, PendingRequest } from './state.ts';

/** What one step works with: the node's state, the time, and the effects it collects. */
export interface Step {
  readonly state: NodeState;
  readonly nowMs: number;
  readonly effects: Effect[];
}

function nextId(step: Step): string {
  const state = step.state;
  state.nextMessageSeq += 1;
  return `${state.self}#${state.nextMessageSeq}`;
}

/** Sends a request and remembers what to do with its answer. Returns the request id. */
export function sendRequest(
  step: Step,
  to: Address,
  body: WireMessage,
  timeoutMs: number,
  pending: PendingRequest,
): string {
  const id = nextId(step);
  step.state.pending.set(id, pending);
  step.effects.push({ type: 'send', envelope: { id, from: step.state.self, to, body, timeoutMs } });
  return id;
}

/** Sends a message nobody answers (the fire-and-forget digests). */
export function sendOneWay(step: Step, to: Address, body: WireMessage): void {
  step.effects.push({ type: 'send', envelope: { id: nextId(step), from: step.state.self, to, body } });
}

/** Answers a request. */
export function reply(step: Step, request: Envelope, body: WireMessage): void {
  answer(step, request.from, request.id, body);
}

/** Answers the request `requestId` that `to` sent (also on behalf of a proxied call). */
export function answer(step: Step, to: Address, requestId: string, body: WireMessage): void {
  step.effects.push({
    type: 'send',
    envelope: { id: nextId(step), from: step.state.self, to, body, replyTo: requestId },
  });
}

/** Answers an HTTP request with a status and body. */
export function replyHttp(step: Step, request: Envelope, status: number, body: HttpBody): void {
  reply(step, request, { type: 'HTTP_RESPONSE', status, body });
}

export function setTimer(step: Step, key: string, atMs: number): void {
  step.effects.push({ type: 'setTimer', key, atMs });
}

export function trace(step: Step, event: TraceEvent): void {
  step.effects.push({ type: 'trace', event });
}

export function note(step: Step, code: NoteCode, detail: string): void {
  trace(step, { type: 'note', observer: step.state.self, code, detail });
}
