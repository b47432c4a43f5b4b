import { describe, expect, it } from 'vitest';
import type { TraceRecord } from './types.ts';
import { ViewModel } from './viewModel.ts';

const A = '10.0.0.1:8848';
const B = '10.0.0.2:8848';
const C = '10.0.0.3:8848';
const J = '10.0.0.10:8848';
const SVC = 'DEFAULT_GROUP@@orders';

function started(observer: string, members: string[], atMs = 0): TraceRecord {
  return { type: 'node', observer, status: 'started', members, atMs };
}

function member(
  observer: string,
  subject: string,
  from: 'UP' | 'SUSPICIOUS' | 'DOWN',
  to: typeof from,
): TraceRecord {
  return { type: 'member', observer, subject, from, to, atMs: 1000 };
}

function instance(
  observer: string,
  change: 'added' | 'unhealthy' | 'healthy' | 'removed',
  host = '10.1.0.1:8080',
) {
  const record: TraceRecord = {
    type: 'instance',
    observer,
    service: SVC,
    instance: host,
    change,
    atMs: 2000,
  };
  return record;
}

function modelOf(...records: TraceRecord[]): ViewModel {
  const model = new ViewModel();
  for (const record of records) model.apply(record);
  return model;
}

describe('ViewModel', () => {
  it('starts a node running with every other member UP and the sorted healthy list', () => {
    const model = modelOf(started(A, [A, B, C, J]));
    expect(model.view(A)).toEqual({
      address: A,
      status: 'running',
      members: {
        [B]: { state: 'UP', failCount: 0 },
        [C]: { state: 'UP', failCount: 0 },
        [J]: { state: 'UP', failCount: 0 },
      },
      // Java's String.compareTo order: '0' < ':', so "10.0.0.10:8848" sorts before "10.0.0.1:8848".
      healthyList: [J, A, B, C],
      instances: {},
      initialized: false,
    });
  });

  it('member changes rebuild the healthy list: SUSPICIOUS stays in, DOWN leaves', () => {
    const model = modelOf(started(A, [A, B, C]), member(A, B, 'UP', 'SUSPICIOUS'));
    expect(model.view(A)?.healthyList).toEqual([A, B, C]);
    model.apply(member(A, B, 'SUSPICIOUS', 'DOWN'));
    expect(model.view(A)?.healthyList).toEqual([A, C]);
    expect(model.view(A)?.members[B]).toEqual({ state: 'DOWN', failCount: 0 });
    model.apply(member(A, B, 'DOWN', 'UP'));
    expect(model.view(A)?.healthyList).toEqual([A, B, C]);
  });

  it('instance records add, flag and remove; an emptied service disappears', () => {
    const model = modelOf(started(A, [A, B]), instance(A, 'added'), instance(A, 'added', '10.1.0.2:8080'));
    expect(model.view(A)?.instances).toEqual({ [SVC]: { '10.1.0.1:8080': true, '10.1.0.2:8080': true } });
    model.apply(instance(A, 'unhealthy'));
    expect(model.view(A)?.instances[SVC]?.['10.1.0.1:8080']).toBe(false);
    model.apply(instance(A, 'healthy'));
    expect(model.view(A)?.instances[SVC]?.['10.1.0.1:8080']).toBe(true);
    model.apply(instance(A, 'removed'));
    model.apply(instance(A, 'removed', '10.1.0.2:8080'));
    expect(model.view(A)?.instances).toEqual({});
  });

  it('loadSucceeded marks the node initialized', () => {
    const model = modelOf(started(A, [A, B]), {
      type: 'note',
      observer: A,
      code: 'loadSucceeded',
      detail: '',
      atMs: 5,
    });
    expect(model.view(A)?.initialized).toBe(true);
  });

  it('killed forgets the data; started again is a fresh process', () => {
    const model = modelOf(
      started(A, [A, B]),
      instance(A, 'added'),
      member(A, B, 'UP', 'DOWN'),
      { type: 'note', observer: A, code: 'loadSucceeded', detail: '', atMs: 5 },
      { type: 'node', observer: A, status: 'killed', atMs: 3000 },
    );
    expect(model.view(A)).toMatchObject({ status: 'killed', instances: {}, initialized: false });
    model.apply(started(A, [A, B], 4000));
    expect(model.view(A)).toMatchObject({
      status: 'running',
      healthyList: [A, B],
      members: { [B]: { state: 'UP' } },
    });
  });

  it('paused and running set the status and keep the data; crashed is like killed', () => {
    const model = modelOf(started(A, [A, B]), instance(A, 'added'));
    model.apply({ type: 'node', observer: A, status: 'paused', atMs: 1 });
    expect(model.view(A)?.status).toBe('paused');
    expect(model.view(A)?.instances[SVC]).toEqual({ '10.1.0.1:8080': true });
    model.apply({ type: 'node', observer: A, status: 'running', atMs: 2 });
    expect(model.view(A)?.status).toBe('running');
    model.apply({ type: 'node', observer: A, status: 'crashed', atMs: 3 });
    expect(model.view(A)).toMatchObject({ status: 'crashed', instances: {} });
  });

  it('a status record with members is a new cluster.conf: known states stay, new members are UP', () => {
    const model = modelOf(started(A, [A, B, C]), member(A, B, 'UP', 'DOWN'));
    model.apply({ type: 'node', observer: A, status: 'running', members: [A, B, C, J], atMs: 9 });
    expect(model.view(A)?.members).toEqual({
      [B]: { state: 'DOWN', failCount: 0 },
      [C]: { state: 'UP', failCount: 0 },
      [J]: { state: 'UP', failCount: 0 },
    });
    expect(model.view(A)?.healthyList).toEqual([J, A, C]);
  });

  it('keeps one view per node in the order they appeared, and old arrays never change', () => {
    const model = modelOf(started(B, [A, B]), started(A, [A, B]));
    const before = model.views();
    model.apply(instance(A, 'added'));
    expect(before.map((view) => view.address)).toEqual([B, A]);
    expect(before[1]?.instances).toEqual({});
    expect(model.views()[1]?.instances).toEqual({ [SVC]: { '10.1.0.1:8080': true } });
  });

  it('a view handed out stays as it was through bursts of changes, a view() and more changes', () => {
    const model = modelOf(started(A, [A, B]));
    model.apply(instance(A, 'added'));
    const first = model.view(A)!;
    const firstHosts = first.instances[SVC];
    model.apply(instance(A, 'unhealthy'));
    model.apply({ ...instance(A, 'added'), instance: '10.1.0.2:8080' });
    const second = model.views()[0]!;
    model.apply(instance(A, 'removed'));
    expect(first.instances).toEqual({ [SVC]: { '10.1.0.1:8080': true } });
    expect(first.instances[SVC]).toBe(firstHosts);
    expect(second.instances).toEqual({ [SVC]: { '10.1.0.1:8080': false, '10.1.0.2:8080': true } });
    expect(model.view(A)?.instances).toEqual({ [SVC]: { '10.1.0.2:8080': true } });
  });

  it('ignores step lines', () => {
    const model = modelOf({ type: 'step', text: 'kill n2', atMs: 0 });
    expect(model.views()).toEqual([]);
  });
});
