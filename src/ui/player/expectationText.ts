import type { Expectation } from '../../scenarios/schema.ts';
import type { Language } from '../../store/simStore.ts';
import { seconds } from '../time/format.ts';

/**
 * One short line per expectation, in the person's language. The verdict's own message (from
 * src/scenarios/expectations.ts, English, shared with the CLI) is shown beside it as the detail.
 */

const INSTANCE_STATE = {
  en: { healthy: 'healthy', unhealthy: 'unhealthy', present: 'present', absent: 'gone' },
  zh: { healthy: '健康', unhealthy: '不健康', present: '存在', absent: '已删除' },
} as const;

function service(name: string, group: string): string {
  return group === 'DEFAULT_GROUP' ? name : `${group}@@${name}`;
}

function window(language: Language, fromMs: number, byMs: number): string {
  if (language === 'zh') {
    return fromMs > 0 ? `${seconds(fromMs)}–${seconds(byMs)} 秒之间` : `不晚于 ${seconds(byMs)} 秒`;
  }
  return fromMs > 0 ? `between ${seconds(fromMs)} and ${seconds(byMs)} s` : `by ${seconds(byMs)} s`;
}

export function describeExpectation(expectation: Expectation, language: Language): string {
  const zh = language === 'zh';
  switch (expectation.type) {
    case 'instance': {
      const state = INSTANCE_STATE[language][expectation.state];
      const what = `${service(expectation.service, expectation.group)} ${expectation.instance}`;
      const when = window(language, expectation.fromMs, expectation.byMs);
      if (zh) {
        const on = expectation.on === 'all' ? '所有运行中的节点上' : `${expectation.on.join('、')} 上`;
        return `${on}的 ${what} ${state}，${when}`;
      }
      const on = expectation.on === 'all' ? 'every running node' : expectation.on.join(', ');
      return `${what} ${state} on ${on}, ${when}`;
    }
    case 'member': {
      const when = window(language, expectation.fromMs, expectation.byMs);
      return zh
        ? `${expectation.observer} 看到 ${expectation.subject} 为 ${expectation.state}，${when}`
        : `${expectation.observer} sees ${expectation.subject} ${expectation.state}, ${when}`;
    }
    case 'converged': {
      const by = seconds(expectation.afterMs + expectation.withinMs);
      return zh
        ? `集群最迟在 ${by} 秒收敛（${seconds(expectation.afterMs)} 秒后 ${seconds(expectation.withinMs)} 秒内），并保持到结束`
        : `The cluster converges by ${by} s (within ${seconds(expectation.withinMs)} s of ${seconds(expectation.afterMs)} s) and stays converged`;
    }
    case 'singleOwner':
      return zh
        ? '结束时各节点的健康列表一致，每个服务只有一个负责节点'
        : 'At the end the nodes agree on the healthy list and every service has one owner';
  }
}
