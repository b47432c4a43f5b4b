import { describe, expect, it } from 'vitest';
import type { Frame, FrameNode } from '../../sim/frame.ts';
import { buildMatrix } from './model.ts';

function node(name: string, status: FrameNode['status'], instances: FrameNode['instances']): FrameNode {
  return {
    address: `10.0.0.${name.slice(1)}:8848`,
    name,
    status,
    members: {},
    healthyList: [],
    owned: [],
    instances,
    initialized: true,
  };
}

function frame(nodes: FrameNode[], truth: Frame['truth']): Frame {
  return { nodes, truth } as unknown as Frame;
}

describe('registry matrix', () => {
  const truth = { 'G@@orders': { '10.1.0.1:8080': true } };

  it('marks a row diverged when a running node holds something else', () => {
    const model = buildMatrix(
      frame(
        [
          node('n1', 'running', { 'G@@orders': { '10.1.0.1:8080': true } }),
          node('n2', 'running', { 'G@@orders': { '10.1.0.1:8080': false } }),
          node('n3', 'running', {}),
        ],
        truth,
      ),
    );
    const row = model.groups[0]!.rows[0]!;
    expect(row.cells).toEqual(['healthy', 'unhealthy', 'missing']);
    expect(row.expected).toBe('healthy');
    expect(row.diverged).toBe(true);
    expect(model.divergedRows).toBe(1);
  });

  it('ignores nodes that are not running, as the convergence check does', () => {
    const model = buildMatrix(
      frame(
        [node('n1', 'running', { 'G@@orders': { '10.1.0.1:8080': true } }), node('n2', 'killed', {})],
        truth,
      ),
    );
    expect(model.groups[0]!.rows[0]!.diverged).toBe(false);
  });

  it('shows instances the truth no longer has, expected missing', () => {
    const model = buildMatrix(
      frame(
        [node('n1', 'running', { 'G@@orders': { '10.1.0.1:8080': true, '10.1.0.2:8080': true } })],
        truth,
      ),
    );
    const extra = model.groups[0]!.rows[1]!;
    expect(extra.instance).toBe('10.1.0.2:8080');
    expect(extra.expected).toBe('missing');
    expect(extra.diverged).toBe(true);
  });
});
