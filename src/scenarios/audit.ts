import type { NodeView } from '../sim/types.ts';
import { nodeName } from './names.ts';

/** Past this many differences the trace is clearly broken; more lines would not help. */
const MAX_WARNINGS = 10;

/**
 * Compares the views rebuilt from the trace with the nodes' real state. Expectations are
 * judged on the former, so any difference is a gap in the trace (a change some code path
 * made without recording it) and is reported, not ignored.
 */
export function auditViews(rebuilt: readonly NodeView[], real: readonly NodeView[]): string[] {
  const byAddress = new Map(rebuilt.map((view) => [view.address, view]));
  const warnings = real.flatMap((view) => differences(byAddress.get(view.address), view));
  if (warnings.length <= MAX_WARNINGS) return warnings;
  return [...warnings.slice(0, MAX_WARNINGS), `… and ${warnings.length - MAX_WARNINGS} more differences`];
}

function differences(traced: NodeView | undefined, real: NodeView): string[] {
  const name = nodeName(real.address);
  if (traced === undefined) return [`${name}: the trace never mentions this node`];
  if (traced.status !== real.status)
    return [`${name}: the trace says ${traced.status}, the node is ${real.status}`];
  // A stopped node's memory is gone or frozen; only a running one must match in detail.
  if (real.status !== 'running') return [];
  return [
    ...compare(name, 'healthy list', listText(traced), listText(real)),
    ...compare(name, 'members', memberText(traced), memberText(real)),
    ...compare(name, 'instances', instanceText(traced), instanceText(real)),
    ...compare(name, 'initialized', String(traced.initialized), String(real.initialized)),
  ];
}

function compare(name: string, what: string, traced: string, real: string): string[] {
  return traced === real ? [] : [`${name}: ${what} from the trace "${traced}", on the node "${real}"`];
}

function listText(view: NodeView): string {
  return view.healthyList.map(nodeName).join(' ');
}

function memberText(view: NodeView): string {
  return Object.entries(view.members)
    .filter(([address]) => address !== view.address)
    .map(([address, member]) => `${nodeName(address)} ${member.state}`)
    .sort()
    .join(', ');
}

/** Empty services are left out: the trace cannot tell an empty Service from none. */
function instanceText(view: NodeView): string {
  return Object.entries(view.instances)
    .flatMap(([service, hosts]) =>
      Object.entries(hosts).map(
        ([instance, healthy]) => `${service} ${instance} ${healthy ? 'healthy' : 'unhealthy'}`,
      ),
    )
    .sort()
    .join(', ');
}
