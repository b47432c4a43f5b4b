import { isResponsible, mapServer } from './mapper.ts';
import type { Envelope, WireMessage } from './messages.ts';
import { deregisterInstance, processBeat, registerInstance } from './registry.ts';
import type { PendingRequest } from './state.ts';
import { answer, note, replyHttp, type Step, sendRequest } from './stepContext.ts';

type WriteRequest = Extract<WireMessage, { type: 'REGISTER' | 'DEREGISTER' | 'BEAT' }>;

/**
 * TrafficReviseFilter with nacos.naming.data.warmup: until the snapshot has loaded, client
 * traffic gets 503; peers (the Nacos-Server User-Agent) still pass. Returns true if refused.
 */
export function refusedDuringWarmup(step: Step, request: Envelope, fromPeer: boolean): boolean {
  const state = step.state;
  if (!state.config.dataWarmup || state.initialized || fromPeer) return false;
  replyHttp(step, request, 503, 'server is DOWN now, please try again later!');
  return true;
}

/**
 * DistroFilter around every @CanDistro endpoint: a node that does not own the service
 * proxies the request once to the owner it sees; a proxied request that lands on a
 * non-owner is refused with 400, so there is never a second hop.
 */
export function receiveWrite(step: Step, request: Envelope, body: WriteRequest): void {
  if (refusedDuringWarmup(step, request, body.viaPeer)) return;
  const tag = body.type === 'REGISTER' ? body.params.groupedName : body.ref.groupedName;
  const state = step.state;
  if (isResponsible(state, tag)) {
    handleWrite(step, request, body);
    return;
  }
  if (body.viaPeer) {
    note(step, 'forwardRejected', `${tag} from ${request.from}: not the owner here, a second hop is refused`);
    replyHttp(step, request, 400, `receive invalid redirect request from peer ${request.from}`);
    return;
  }
  const target = mapServer(state, tag);
  const pending: PendingRequest = {
    kind: 'proxy',
    client: request.from,
    clientRequestId: request.id,
    target,
  };
  sendRequest(step, target, { ...body, viaPeer: true }, state.config.proxyTimeoutMs, pending);
}

function handleWrite(step: Step, request: Envelope, body: WriteRequest): void {
  switch (body.type) {
    case 'REGISTER':
      registerInstance(step, body.params);
      replyHttp(step, request, 200, 'ok');
      return;
    case 'DEREGISTER':
      deregisterInstance(step, body.ref);
      replyHttp(step, request, 200, 'ok');
      return;
    case 'BEAT':
      replyHttp(step, request, 200, processBeat(step, body.ref, body.beat));
      return;
  }
}

/** The owner's answer goes back to the client unchanged. */
export function relayProxyAnswer(
  step: Step,
  pending: Extract<PendingRequest, { kind: 'proxy' }>,
  body: WireMessage,
): void {
  answer(step, pending.client, pending.clientRequestId, body);
}

/** The proxy call threw (refused, timed out): the client gets 500 with the reason. */
export function proxyFailed(
  step: Step,
  pending: Extract<PendingRequest, { kind: 'proxy' }>,
  reason: string,
): void {
  const detail = `failed to proxy request to ${pending.target}: ${reason === 'refused' ? 'Connection refused' : 'Read timed out'}`;
  note(step, 'proxyFailed', detail);
  relayProxyAnswer(step, pending, { type: 'HTTP_RESPONSE', status: 500, body: detail });
}
