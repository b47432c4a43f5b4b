import { md5 } from 'js-md5';
import { describe, expect, it } from 'vitest';
import { datumChecksum, javaDouble, serviceStatusChecksum } from './checksum.ts';
import { instance } from './harness.test-utils.ts';

const SVC = 'DEFAULT_GROUP@@demo';

describe('javaDouble: Java Double.toString for weights', () => {
  it.each([
    [1, '1.0'],
    [0, '0.0'],
    [100, '100.0'],
    [10000, '10000.0'],
    [0.5, '0.5'],
    [0.01, '0.01'],
    [2.25, '2.25'],
  ])('%d → %s', (value, text) => {
    expect(javaDouble(value)).toBe(text);
  });
});

describe('Datum checksum (reference §2.2 Instances.recalculateChecksum)', () => {
  it('is the MD5 of ip:port_weight_healthy_enabled_cluster_ + sorted metadata k:v, + ","', () => {
    const one = instance(SVC, '10.1.0.5', 8080, { metadata: { b: '2', a: '1' } });
    expect(datumChecksum([one])).toBe(md5('10.1.0.5:8080_1.0_true_true_DEFAULT_a:1,b:2,,'));
  });

  it('orders instances by their toString (lexicographic: 10.1.0.10 before 10.1.0.9)', () => {
    const nine = instance(SVC, '10.1.0.9', 80);
    const ten = instance(SVC, '10.1.0.10', 80, { weight: 2 });
    const expected = md5('10.1.0.10:80_2.0_true_true_DEFAULT_,10.1.0.9:80_1.0_true_true_DEFAULT_,');
    expect(datumChecksum([nine, ten])).toBe(expected);
    expect(datumChecksum([ten, nine])).toBe(expected);
  });

  it('is independent of instance order', () => {
    const list = ['10.1.0.1', '10.1.0.2', '10.1.0.3', '10.1.0.4'].map((ip) => instance(SVC, ip));
    const reversed = [...list].reverse();
    const shuffled = [list[2]!, list[0]!, list[3]!, list[1]!];
    expect(datumChecksum(reversed)).toBe(datumChecksum(list));
    expect(datumChecksum(shuffled)).toBe(datumChecksum(list));
  });

  it('changes when healthy flips', () => {
    const healthy = instance(SVC, '10.1.0.5');
    const unhealthy = instance(SVC, '10.1.0.5', 8080, { healthy: false });
    expect(datumChecksum([unhealthy])).not.toBe(datumChecksum([healthy]));
    expect(datumChecksum([unhealthy])).toBe(md5('10.1.0.5:8080_1.0_false_true_DEFAULT_,'));
  });

  it('includes enabled, weight, cluster and metadata values; metadata key order does not matter', () => {
    const base = instance(SVC, '10.1.0.5', 8080, { metadata: { a: '1', b: '2' } });
    const sum = datumChecksum([base]);
    expect(datumChecksum([{ ...base, metadata: { b: '2', a: '1' } }])).toBe(sum);
    expect(datumChecksum([{ ...base, metadata: { a: '1', b: '3' } }])).not.toBe(sum);
    expect(datumChecksum([{ ...base, enabled: false }])).not.toBe(sum);
    expect(datumChecksum([{ ...base, weight: 2 }])).not.toBe(sum);
    expect(datumChecksum([{ ...base, clusterName: 'X' }])).not.toBe(sum);
  });

  it('ignores lastBeat (beats never change the digest)', () => {
    const a = instance(SVC, '10.1.0.5', 8080, { lastBeatMs: 1 });
    const b = instance(SVC, '10.1.0.5', 8080, { lastBeatMs: 99_999 });
    expect(datumChecksum([a])).toBe(datumChecksum([b]));
  });

  it('of an empty list is the MD5 of the empty string', () => {
    expect(datumChecksum([])).toBe(md5(''));
  });
});

describe('service status checksum (reference §6.4.3)', () => {
  it('covers the service name and sorted ip:port_weight_healthy_cluster', () => {
    const x = instance(SVC, '10.1.0.5');
    const y = instance(SVC, '10.1.0.6', 8080, { healthy: false });
    const sum = serviceStatusChecksum(SVC, [x, y]);
    expect(serviceStatusChecksum(SVC, [y, x])).toBe(sum);
    expect(serviceStatusChecksum(SVC, [x, { ...y, healthy: true }])).not.toBe(sum);
    expect(serviceStatusChecksum('DEFAULT_GROUP@@other', [x, y])).not.toBe(sum);
  });
});
