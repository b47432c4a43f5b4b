import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioValue } from './parse.ts';

const SOURCE = 'scenarios/x.json';

/** A small valid scenario; tests change one thing in a copy. */
function baseScenario(): Record<string, unknown> {
  return {
    name: 'client stops beating',
    seed: 7,
    cluster: { nodes: 3 },
    durationMs: 60_000,
    steps: [
      { atMs: 0, do: 'register', client: 'orders-1', service: 'orders', ip: '10.1.0.1', port: 8080 },
      { atMs: 20_000, do: 'stopClient', client: 'orders-1' },
    ],
    expect: [
      {
        type: 'instance',
        service: 'orders',
        instance: '10.1.0.1:8080',
        state: 'unhealthy',
        sinceMs: 20_000,
        fromMs: 35_000,
        byMs: 40_000,
      },
    ],
  };
}

function errorsOf(value: unknown): string[] {
  const result = parseScenarioValue(value, SOURCE);
  return result.ok ? [] : result.errors;
}

// biome-ignore lint/suspicious/noExplicitAny: tests edit the plain JSON freely.
type Json = any;

function withChange(change: (scenario: Json) => void): string[] {
  const scenario = structuredClone(baseScenario());
  change(scenario);
  return errorsOf(scenario);
}

describe('parseScenario: valid files', () => {
  it('fills in every default', () => {
    const result = parseScenario(JSON.stringify(baseScenario()), SOURCE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { scenario } = result;
    expect(scenario.cluster).toEqual({ nodes: 3, params: {}, link: {} });
    expect(scenario.steps[0]).toEqual({
      atMs: 0,
      do: 'register',
      client: 'orders-1',
      service: 'orders',
      group: 'DEFAULT_GROUP',
      ip: '10.1.0.1',
      port: 8080,
      cluster: 'DEFAULT',
      weight: 1,
      metadata: {},
      lightBeat: false,
    });
    expect(scenario.expect[0]).toMatchObject({
      group: 'DEFAULT_GROUP',
      on: 'all',
      sinceMs: 20_000,
      fromMs: 35_000,
    });
  });

  it('defaults fromMs to sinceMs, byMs to the end and afterMs to the last step', () => {
    const result = parseScenarioValue(
      {
        ...baseScenario(),
        expect: [
          { type: 'member', observer: 'n1', subject: 'n2', state: 'DOWN', sinceMs: 5000 },
          { type: 'converged', withinMs: 10_000 },
          { type: 'singleOwner' },
        ],
      },
      SOURCE,
    );
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.scenario.expect).toEqual([
      {
        type: 'member',
        observer: 'n1',
        subject: 'n2',
        state: 'DOWN',
        sinceMs: 5000,
        fromMs: 5000,
        byMs: 60_000,
      },
      { type: 'converged', withinMs: 10_000, afterMs: 20_000 },
      { type: 'singleOwner', atEnd: true },
    ]);
  });

  it('accepts every step kind', () => {
    const errors = withChange((s) => {
      s.cluster.params = { heartbeatTimeoutMs: 15_000, dataWarmup: true };
      s.cluster.link = { latencyMs: 20, jitterMs: 5, lossRate: 0, duplicateRate: 0 };
      s.steps.push(
        { atMs: 21_000, do: 'resumeClient', client: 'orders-1' },
        { atMs: 22_000, do: 'cutClient', client: 'orders-1', nodes: ['n2'] },
        { atMs: 23_000, do: 'deregister', client: 'orders-1' },
        { atMs: 24_000, do: 'kill', node: 'n2' },
        { atMs: 24_000, do: 'restart', node: 'n2' },
        { atMs: 24_000, do: 'pause', node: 'n3' },
        { atMs: 24_000, do: 'resume', node: 'n3' },
        { atMs: 24_000, do: 'addNode' },
        {
          atMs: 25_000,
          do: 'partition',
          groups: [
            ['n1', 'n4'],
            ['n2', 'n3'],
          ],
        },
        { atMs: 25_000, do: 'cut', from: 'n1', to: 'n2' },
        { atMs: 26_000, do: 'link', lossRate: 0.1, from: 'n1', to: 'n2' },
        { atMs: 26_000, do: 'link', latencyMs: 50 },
        { atMs: 40_000, do: 'heal' },
      );
      s.expect.push({
        type: 'instance',
        service: 'orders',
        instance: '10.1.0.1:8080',
        state: 'absent',
        on: ['n4'],
      });
    });
    expect(errors).toEqual([]);
  });

  it('ignores a byte-order mark', () => {
    expect(parseScenario(`\uFEFF${JSON.stringify(baseScenario())}`, SOURCE).ok).toBe(true);
  });
});

describe('parseScenario: JSON syntax', () => {
  const cases: [string, string][] = [
    [
      '{\n  "name": "x",\n  "seed": 1 "b": 2\n}',
      `${SOURCE}:3:13: invalid JSON: expected "," or "}" after a property value`,
    ],
    ['{"a": 1,}', `${SOURCE}:1:9: invalid JSON: trailing comma before "}"`],
    ['[1, 2,]', `${SOURCE}:1:7: invalid JSON: trailing comma before "]"`],
    ["{'a': 1}", `${SOURCE}:1:2: invalid JSON: expected a property name in double quotes`],
    ['{"a": \'x\'}', `${SOURCE}:1:7: invalid JSON: strings must be in double quotes`],
    ['// note\n{}', `${SOURCE}:1:1: invalid JSON: comments are not allowed in JSON`],
    ['{"a": ', `${SOURCE}:1:7: invalid JSON: unexpected end of the file: a value is missing`],
    ['', `${SOURCE}:1:1: invalid JSON: unexpected end of the file: a value is missing`],
    [
      '{"a": "x\ny"}',
      `${SOURCE}:1:9: invalid JSON: a line break or control character inside a string must be escaped`,
    ],
    ['{} {}', `${SOURCE}:1:4: invalid JSON: unexpected text after the end of the JSON value`],
  ];
  it.each(cases)('reports line and column for %j', (text, message) => {
    expect(parseScenario(text, SOURCE)).toEqual({ ok: false, errors: [message] });
  });

  it('falls back to the engine for errors the scanner does not look for', () => {
    const result = parseScenario('{"a": "\\q"}', SOURCE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^scenarios\/x\.json:1:\d+: invalid JSON: /);
  });
});

describe('parseScenario: schema errors, one line each with the path', () => {
  it('a number out of range', () => {
    expect(withChange((s) => (s.steps[0].port = 70_000))).toEqual([
      `${SOURCE}: steps[0].port: expected an integer from 1 to 65535, got 70000`,
    ]);
  });

  it('an unknown expectation type', () => {
    expect(withChange((s) => (s.expect[0].type = 'convergd'))).toEqual([
      `${SOURCE}: expect[0].type: expected one of converged, instance, member, singleOwner, got "convergd"`,
    ]);
  });

  it('an unknown step verb and a missing one', () => {
    const errors = withChange((s) => {
      s.steps[1].do = 'stopClent';
      delete s.steps[0].do;
    });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^scenarios\/x\.json: steps\[0\]\.do: missing \(expected one of register, deregister/,
    );
    expect(errors[1]).toMatch(/steps\[1\]\.do: expected one of .*, got "stopClent"$/);
  });

  it('unknown keys, each where it is', () => {
    expect(
      withChange((s) => {
        s.steps[0].fooMs = 1;
        s.cluster.params = { heartbeatTimeout: 1 };
        s.colour = 'red';
      }),
    ).toEqual([
      `${SOURCE}: cluster.params.heartbeatTimeout: unknown key`,
      `${SOURCE}: steps[0].fooMs: unknown key`,
      `${SOURCE}: colour: unknown key`,
    ]);
  });

  it('a missing required field', () => {
    expect(withChange((s) => delete s.seed)).toEqual([
      `${SOURCE}: seed: missing (expected an integer from 0 to 4294967295)`,
    ]);
  });

  it('wrong types', () => {
    expect(
      withChange((s) => {
        s.durationMs = '60000';
        s.cluster.params = { dataWarmup: 'yes', verifyIntervalMs: 0 };
        s.steps[0].metadata = { version: 2 };
      }),
    ).toEqual([
      `${SOURCE}: cluster.params.verifyIntervalMs: expected a whole number from 1 to 9007199254740991, got 0`,
      `${SOURCE}: cluster.params.dataWarmup: expected true or false, got "yes"`,
      `${SOURCE}: durationMs: expected a whole number of milliseconds from 1 to 86400000, got "60000"`,
      `${SOURCE}: steps[0].metadata.version: expected a string, got 2`,
    ]);
  });

  it('the whole file is not an object', () => {
    expect(parseScenario('[1]', SOURCE)).toEqual({
      ok: false,
      errors: [`${SOURCE}: (top level): expected an object, got a list of 1`],
    });
  });

  it('link rates outside [0, 1]', () => {
    expect(withChange((s) => (s.cluster.link = { lossRate: 1.5 }))).toEqual([
      `${SOURCE}: cluster.link.lossRate: expected a number from 0 to 1, got 1.5`,
    ]);
  });

  it('names Nacos rejects', () => {
    const errors = withChange((s) => {
      s.steps[0].service = 'order service';
      s.steps[0].group = 'A@@B';
      s.steps[0].cluster = 'east_1';
      s.expect[0].service = '';
    });
    expect(errors).toEqual([
      `${SOURCE}: steps[0].service: expected a service name that is not empty and has no "@@" or whitespace, got "order service"`,
      `${SOURCE}: steps[0].group: expected a group name that is not empty and has no "@@" or whitespace, got "A@@B"`,
      `${SOURCE}: steps[0].cluster: expected a cluster name of letters, digits and "-", got "east_1"`,
      `${SOURCE}: expect[0].service: expected a service name that is not empty and has no "@@" or whitespace, got ""`,
    ]);
  });

  it('addresses, ports and weights', () => {
    const errors = withChange((s) => {
      s.steps[0].ip = '10.1.0.300';
      s.steps[0].port = 0;
      s.steps[0].weight = 10_001;
      s.expect[0].instance = '10.1.0.1';
    });
    expect(errors).toEqual([
      `${SOURCE}: steps[0].ip: expected a dotted IPv4 address like 10.1.0.1, got "10.1.0.300"`,
      `${SOURCE}: steps[0].port: expected an integer from 1 to 65535, got 0`,
      `${SOURCE}: steps[0].weight: expected a number from 0 to 10000, got 10001`,
      `${SOURCE}: expect[0].instance: expected "ip:port" like "10.1.0.1:8080", got "10.1.0.1"`,
    ]);
  });

  it('node names', () => {
    expect(withChange((s) => (s.steps[0].via = 'node1'))).toEqual([
      `${SOURCE}: steps[0].via: expected a node name like n1, got "node1"`,
    ]);
  });
});

describe('parseScenario: checks across the file', () => {
  it('steps out of time order', () => {
    expect(withChange((s) => (s.steps[1].atMs = 0))).toEqual([]);
    expect(
      withChange((s) => {
        s.steps.push({ atMs: 10_000, do: 'heal' });
      }),
    ).toEqual([`${SOURCE}: steps[2].atMs: steps must be in time order: 10000 comes after steps[1] at 20000`]);
  });

  it('a step after the end', () => {
    expect(withChange((s) => s.steps.push({ atMs: 60_001, do: 'heal' }))).toEqual([
      `${SOURCE}: steps[2].atMs: 60001 is after the end of the run (durationMs 60000)`,
    ]);
  });

  it('a node beyond the cluster, counting addNode steps before it', () => {
    const errors = withChange((s) => {
      s.steps.push(
        { atMs: 21_000, do: 'kill', node: 'n4' },
        { atMs: 22_000, do: 'addNode' },
        { atMs: 23_000, do: 'kill', node: 'n4' },
        { atMs: 23_000, do: 'cut', from: 'n5', to: 'n1' },
      );
    });
    expect(errors).toEqual([
      `${SOURCE}: steps[2].node: n4 does not exist at 21.0 s: the cluster has n1–n3 then`,
      `${SOURCE}: steps[5].from: n5 does not exist at 23.0 s: the cluster has n1–n4 then`,
    ]);
  });

  it('a client never registered before the step', () => {
    const errors = withChange((s) => {
      s.steps.unshift({ atMs: 0, do: 'deregister', client: 'orders-1' });
      s.steps.push({ atMs: 30_000, do: 'cutClient', client: 'payments', nodes: ['n1'] });
    });
    expect(errors).toEqual([
      `${SOURCE}: steps[0].client: client "orders-1" is not registered by any earlier step`,
      `${SOURCE}: steps[3].client: client "payments" is not registered by any earlier step`,
    ]);
  });

  it('a client registered twice', () => {
    const errors = withChange((s) => s.steps.push({ ...s.steps[0], atMs: 30_000, port: 8081 }));
    expect(errors).toEqual([
      `${SOURCE}: steps[2].client: client "orders-1" is already registered by steps[0]`,
    ]);
  });

  it('a partition listing a node twice or leaving one out', () => {
    const errors = withChange((s) =>
      s.steps.push({
        atMs: 30_000,
        do: 'partition',
        groups: [['n1', 'n2'], ['n2']],
      }),
    );
    expect(errors).toEqual([
      `${SOURCE}: steps[2].groups[1][0]: n2 is listed twice (already in groups[0])`,
      `${SOURCE}: steps[2].groups: n3 is in no group: a partition must place every node`,
    ]);
  });

  it('link steps that are ambiguous or empty', () => {
    const errors = withChange((s) => {
      s.steps.push(
        { atMs: 30_000, do: 'link', from: 'n1' },
        { atMs: 30_000, do: 'link', latencyMs: 5, jitterMs: 6 },
      );
    });
    expect(errors).toEqual([
      `${SOURCE}: steps[2]: give both "from" and "to" (one directed link) or neither (every link)`,
      `${SOURCE}: steps[2]: a link step needs at least one of latencyMs, jitterMs, lossRate, duplicateRate`,
      `${SOURCE}: steps[3].jitterMs: 6 is more than latencyMs 5: a delay cannot be negative`,
    ]);
  });

  it('expectation windows that cannot be judged', () => {
    const errors = withChange((s) => {
      s.expect[0].fromMs = 45_000;
      s.expect.push(
        { type: 'member', observer: 'n1', subject: 'n1', state: 'UP', byMs: 70_000 },
        { type: 'member', observer: 'n1', subject: 'n9', state: 'UP' },
        { type: 'converged', withinMs: 50_000 },
      );
    });
    expect(errors).toEqual([
      `${SOURCE}: expect[0].fromMs: 45000 is after byMs 40000 (fromMs defaults to sinceMs, byMs to durationMs)`,
      `${SOURCE}: expect[1].subject: a node keeps no member state for itself; name another node`,
      `${SOURCE}: expect[1].byMs: 70000 is after the end of the run (durationMs 60000)`,
      `${SOURCE}: expect[2].subject: n9 does not exist: the cluster never has more than 3 nodes`,
      `${SOURCE}: expect[3]: the deadline afterMs + withinMs = 70.0 s is after the end of the run at 60.0 s (afterMs defaults to the last step's time)`,
    ]);
  });
});

describe('parseScenario: narration', () => {
  const card = (extra: Record<string, unknown>) => ({ en: 'text', zh: '文字', ...extra });
  const narrate = (...cards: unknown[]) => withChange((s) => (s.narration = cards));

  it('accepts timed and event cards, with ref and doc, and fills the instance group', () => {
    const result = parseScenarioValue(
      {
        ...baseScenario(),
        narration: [
          card({ atMs: 0, ref: '§12.4', doc: '#mapper' }),
          card({
            when: { member: { observer: 'n2', subject: 'n1', state: 'DOWN' } },
            ref: 'alibaba/nacos#1873',
          }),
          card({
            when: {
              instance: { node: 'n2', service: 'orders', instance: '10.1.0.1:8080', change: 'removed' },
            },
          }),
          card({ when: { note: { node: 'n1', code: 'digestIgnored' }, sinceMs: 30_000 } }),
          card({ when: { step: 1 } }),
        ],
      },
      SOURCE,
    );
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.scenario.narration[2]?.when).toEqual({
      instance: {
        node: 'n2',
        service: 'orders',
        group: 'DEFAULT_GROUP',
        instance: '10.1.0.1:8080',
        change: 'removed',
      },
    });
    expect(result.scenario.narration).toHaveLength(5);
  });

  it('defaults to no narration', () => {
    const result = parseScenarioValue(baseScenario(), SOURCE);
    expect(result.ok && result.scenario.narration).toEqual([]);
  });

  it('needs both languages, not empty', () => {
    expect(narrate({ zh: '文字', atMs: 0 }, card({ en: ' ', zh: '', atMs: 0 }))).toEqual([
      `${SOURCE}: narration[0].en: missing (expected English text)`,
      `${SOURCE}: narration[1].en: expected English text that is not empty, got " "`,
      `${SOURCE}: narration[1].zh: expected Chinese text that is not empty, got ""`,
    ]);
  });

  it('a card is shown at a time or on an event, not both and not neither', () => {
    expect(narrate(card({}), card({ atMs: 1, when: { step: 0 } }))).toEqual([
      `${SOURCE}: narration[0]: give atMs (show the card at a time) or when (show it when an event happens)`,
      `${SOURCE}: narration[1]: give atMs or when, not both`,
    ]);
  });

  it('when names exactly one kind of event', () => {
    expect(narrate(card({ when: {} }), card({ when: { step: 1, note: { code: 'syncFailed' } } }))).toEqual([
      `${SOURCE}: narration[0].when: give exactly one of member, instance, note or step (none is given)`,
      `${SOURCE}: narration[1].when: give exactly one of member, instance, note or step (this one has note and step)`,
    ]);
    expect(narrate(card({ when: { membr: {} } }))).toEqual([
      `${SOURCE}: narration[0].when.membr: unknown key`,
    ]);
  });

  it('times within the run', () => {
    expect(narrate(card({ atMs: 70_000 }), card({ when: { step: 0, sinceMs: 61_000 } }))).toEqual([
      `${SOURCE}: narration[0].atMs: 70000 is after the end of the run (durationMs 60000)`,
      `${SOURCE}: narration[1].when.sinceMs: 61000 is after the end of the run (durationMs 60000)`,
      `${SOURCE}: narration[1].when.step: steps[0] is at 0.0 s, before sinceMs 61.0 s: the card could never be shown`,
    ]);
  });

  it('nodes that exist, a step that exists, an instance that is registered', () => {
    expect(
      narrate(
        card({ when: { member: { observer: 'n5', subject: 'n1', state: 'DOWN' } } }),
        card({ when: { member: { observer: 'n1', subject: 'n1', state: 'DOWN' } } }),
        card({ when: { step: 5 } }),
        card({ when: { instance: { service: 'ordrs', change: 'removed' } } }),
        card({ when: { instance: { service: 'orders', instance: '10.1.0.2:8080', change: 'removed' } } }),
        card({ when: { note: { node: 'n4', code: 'syncFailed' } } }),
      ),
    ).toEqual([
      `${SOURCE}: narration[0].when.member.observer: n5 does not exist: the cluster never has more than 3 nodes`,
      `${SOURCE}: narration[1].when.member.subject: a node keeps no member state for itself; name another node`,
      `${SOURCE}: narration[2].when.step: there is no steps[5]: the steps are steps[0]–steps[1]`,
      `${SOURCE}: narration[3].when.instance.service: no step registers DEFAULT_GROUP@@ordrs, so the card could never be shown`,
      `${SOURCE}: narration[4].when.instance.instance: no step registers 10.1.0.2:8080 in DEFAULT_GROUP@@orders (registered: 10.1.0.1:8080)`,
      `${SOURCE}: narration[5].when.note.node: n4 does not exist: the cluster never has more than 3 nodes`,
    ]);
  });

  it('states, changes, note codes, references and doc anchors from their lists', () => {
    const errors = narrate(
      card({ when: { member: { state: 'GONE' } } }),
      card({ when: { instance: { service: 'orders', change: 'gone' } } }),
      card({ when: { note: { code: 'digestIgnord' } } }),
      card({ when: { step: -1 } }),
      card({ atMs: 0, ref: '12.4', doc: 'verify' }),
    );
    expect(errors).toEqual([
      `${SOURCE}: narration[0].when.member.state: expected one of UP, SUSPICIOUS, DOWN, got "GONE"`,
      `${SOURCE}: narration[1].when.instance.change: expected one of added, unhealthy, healthy, removed, got "gone"`,
      `${SOURCE}: narration[2].when.note.code: expected one of loadSucceeded, loadFailed, forwardRejected, ` +
        `proxyFailed, digestDropped, digestIgnored, staleKeyRemoved, syncFailed, beatNotFound, got "digestIgnord"`,
      `${SOURCE}: narration[3].when.step: expected a step index (0 is the first step), got -1`,
      `${SOURCE}: narration[4].ref: expected a reference like "§12.4" or "alibaba/nacos#1873", got "12.4"`,
      expect.stringContaining(
        `${SOURCE}: narration[4].doc: expected a docs/PROTOCOL.md anchor: one of #problem,`,
      ),
    ]);
  });
});
