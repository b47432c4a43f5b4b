import type { Truth } from '../../sim/checkers.ts';
import type { FrameNode } from '../../sim/frame.ts';

export interface DivergenceCount {
  /** Cells (running node, instance) whose holding differs from the truth. */
  readonly divergent: number;
  /** Cells there should be: running nodes × instances in the truth. */
  readonly total: number;
}

/**
 * Counts the cells of the registry matrix that disagree with the truth, as checkConvergence
 * judges them: an instance missing on a running node, held with the wrong health, or held
 * though the truth does not have it. Paused, killed and crashed nodes do not count.
 */
export function countDivergence(nodes: readonly FrameNode[], truth: Truth): DivergenceCount {
  let expected = 0;
  for (const service in truth) expected += Object.keys(truth[service]!).length;
  let divergent = 0;
  let running = 0;
  for (const node of nodes) {
    if (node.status !== 'running') continue;
    running += 1;
    for (const service in truth) {
      const want = truth[service]!;
      const held = node.instances[service];
      for (const instance in want) if (held?.[instance] !== want[instance]) divergent += 1;
    }
    for (const service in node.instances) {
      const held = node.instances[service]!;
      const want = truth[service];
      for (const instance in held) if (want?.[instance] === undefined) divergent += 1;
    }
  }
  return { divergent, total: running * expected };
}
