import { useSim } from '../../store/simStore.ts';
import type { MatrixText } from './text.ts';

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** Converged or diverged, and how long convergence took after the last fault or change. */
export function ConvergenceBadge({ t, divergedRows }: { t: MatrixText; divergedRows: number }) {
  const converged = useSim((s) => s.frame?.convergence.converged ?? true);
  const lastFaultAtMs = useSim((s) => s.frame?.convergence.lastFaultAtMs ?? null);
  const lastConvergeMs = useSim((s) => s.frame?.convergence.lastConvergeMs ?? null);
  // While diverged the stopwatch runs. It ticks about ten times a wall second whatever the
  // speed: a text that changes every frame costs a re-render and a repaint every frame.
  const runningMs = useSim((s) => {
    const fault = s.frame?.convergence.lastFaultAtMs;
    if (!s.frame || s.frame.convergence.converged || fault == null) return null;
    const tickMs = 100 * Math.max(1, Math.round(s.speed));
    return Math.floor((s.frame.nowMs - fault) / tickMs) * tickMs;
  });
  const stopwatch =
    runningMs !== null
      ? { ms: runningMs, running: true, text: t('matrix.stopwatch.running', { seconds: seconds(runningMs) }) }
      : converged && lastFaultAtMs !== null && lastConvergeMs !== null
        ? {
            ms: lastConvergeMs,
            running: false,
            text:
              lastConvergeMs === 0
                ? t('matrix.stopwatch.steady')
                : t('matrix.stopwatch.done', { seconds: seconds(lastConvergeMs) }),
          }
        : null;
  return (
    <div className="matrix-status">
      <output
        className={`matrix-badge matrix-badge--${converged ? 'converged' : 'diverged'}`}
        data-testid="convergence"
        data-converged={String(converged)}
      >
        <span aria-hidden="true">{converged ? '✓' : '≠'}</span>
        {converged ? t('matrix.converged') : t('matrix.diverged')}
      </output>
      {divergedRows > 0 ? (
        <span className="matrix-divergent-count">
          {divergedRows === 1 ? t('matrix.divergentRow') : t('matrix.divergentRows', { count: divergedRows })}
        </span>
      ) : null}
      {stopwatch ? (
        <span
          className={`matrix-stopwatch${stopwatch.running ? ' matrix-stopwatch--running' : ''}`}
          data-testid="stopwatch"
          data-ms={stopwatch.ms}
          data-running={String(stopwatch.running)}
          title={t('matrix.stopwatch.label')}
        >
          <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true">
            <circle cx="10" cy="11.5" r="6.8" />
            <path d="M10 11.5V7.6M8 2.6h4M15.2 5.6l1.2-1.2" />
          </svg>
          {stopwatch.text}
        </span>
      ) : null}
    </div>
  );
}
