import type { RecordedStep } from '../../workers/simService.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

/** Virtual milliseconds as seconds with one decimal: 36200 → "36.2". */
export function seconds(ms: number): string {
  return (Math.floor(ms / 100) / 10).toFixed(1);
}

/** What kind of marker a step makes on the timeline. */
export type StepCategory = 'fault' | 'recovery' | 'client' | 'cluster';

export function stepCategory(step: RecordedStep): StepCategory {
  switch (step.do) {
    case 'kill':
    case 'pause':
    case 'partition':
    case 'cut':
    case 'cutClient':
      return 'fault';
    case 'restart':
    case 'resume':
    case 'heal':
      return 'recovery';
    case 'register':
    case 'deregister':
    case 'stopClient':
    case 'resumeClient':
      return 'client';
    default:
      return 'cluster';
  }
}

/** One line for a recorded step, in the user's language: "kill n2", "orders-1 registers …". */
export function describeStep(step: RecordedStep, t: Translate): string {
  const key = `step.${step.do}` as MessageKey;
  switch (step.do) {
    case 'register':
      return t(key, { client: step.client, service: step.service, ip: step.ip, port: step.port });
    case 'deregister':
    case 'stopClient':
    case 'resumeClient':
      return t(key, { client: step.client });
    case 'cutClient':
      return t(key, { client: step.client, nodes: step.nodes.join(', ') });
    case 'kill':
    case 'restart':
    case 'pause':
    case 'resume':
      return t(key, { node: step.node });
    case 'partition':
      return t(key, { groups: step.groups.map((group) => `{${group.join(', ')}}`).join(' | ') });
    case 'cut':
      return t(key, { from: step.from, to: step.to });
    default:
      return t(key);
  }
}
