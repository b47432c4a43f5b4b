import { describe, expect, it } from 'vitest';
import { checkCommand, EMBED_COMMANDS } from './embedCommands.ts';

const errorsOf = (data: unknown) => {
  const checked = checkCommand(data);
  return checked.ok ? [] : checked.errors;
};

describe('embed commands', () => {
  it('accepts every documented command', () => {
    expect(EMBED_COMMANDS).toEqual([
      'distro:play',
      'distro:pause',
      'distro:step',
      'distro:kill',
      'distro:restart',
      'distro:partition',
      'distro:heal',
      'distro:loadScenario',
      'distro:runUntil',
      'distro:speed',
    ]);
    for (const command of [
      { type: 'distro:play' },
      { type: 'distro:pause', id: 'p' },
      { type: 'distro:kill', node: 'n12' },
      { type: 'distro:partition', groups: [['n1'], ['n2', 'n3']] },
      { type: 'distro:loadScenario', scenario: 'owner-killed' },
      { type: 'distro:loadScenario', scenario: { name: 'x' } },
      { type: 'distro:runUntil', ms: 0 },
      { type: 'distro:speed', speed: 0.25 },
    ]) {
      expect(checkCommand(command), JSON.stringify(command)).toEqual({ ok: true, command });
    }
  });

  it('names the field and what was expected, and keeps the id for the reply', () => {
    expect(checkCommand({ type: 'distro:kill', node: 'node1', id: 'k' })).toEqual({
      ok: false,
      id: 'k',
      command: 'distro:kill',
      errors: ['node: expected a node name like "n1", got "node1"'],
    });
    expect(errorsOf({ type: 'distro:partition', groups: [['n1'], []] })).toEqual([
      'groups[1]: expected a non-empty list of node names, got a list of 0',
    ]);
    expect(errorsOf({ type: 'distro:partition', groups: 'n1|n2' })).toEqual([
      'groups: expected a list of groups like [["n1"], ["n2", "n3"]], got "n1|n2"',
    ]);
    expect(errorsOf({ type: 'distro:runUntil', ms: 1.5 })).toEqual([
      'ms: expected a whole number of milliseconds from 0 to 86400000, got 1.5',
    ]);
    expect(errorsOf({ type: 'distro:runUntil' })).toEqual([
      'ms: missing (expected a whole number of milliseconds from 0 to 86400000)',
    ]);
    expect(errorsOf({ type: 'distro:speed', speed: 3 })).toEqual([
      'speed: expected one of 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, got 3',
    ]);
    expect(errorsOf({ type: 'distro:heal', extra: 1, more: 2 })).toEqual([
      'extra: unknown field',
      'more: unknown field',
    ]);
    expect(errorsOf({ type: 'distro:play', id: 5 })).toEqual([
      'id: expected a string (your id for the reply), got 5',
    ]);
  });

  it('says what a message must look like when it is not a command at all', () => {
    expect(errorsOf(null)).toEqual(['message: expected an object like { "type": "distro:play" }, got null']);
    expect(errorsOf([1])).toEqual([
      'message: expected an object like { "type": "distro:play" }, got a list of 1',
    ]);
    expect(errorsOf({})).toEqual([`type: expected one of ${EMBED_COMMANDS.join(', ')}, missing`]);
    expect(errorsOf({ type: 'play' })[0]).toMatch(/^type: expected one of distro:play, .*, got "play"$/);
  });
});
