import { useEffect, useState } from 'react';
import type { NodeInspection } from '../../sim/inspect.ts';
import type { NodeStatus } from '../../sim/types.ts';
import { useSim } from '../../store/simStore.ts';

/** At most this often (wall time) the inspector asks the worker again. */
export const REFRESH_MS = 250;

export interface InspectionState {
  /** The node the answer is about (an answer for another node is never shown). */
  readonly address: string | null;
  readonly inspection: NodeInspection | null;
  /** The frame's virtual time when the answer came: ages and due times count from it. */
  readonly nowMs: number;
  readonly phase: 'idle' | 'loading' | 'ready' | 'failed';
}

const IDLE: InspectionState = { address: null, inspection: null, nowMs: 0, phase: 'idle' };

/**
 * A node's inspection, refreshed when the frame advances: one request in flight at a time,
 * no more than one every REFRESH_MS. It listens with `useSim.subscribe`, so a new frame
 * does not re-render the panel; only a new answer does.
 */
export function useInspection(address: string | null, status: NodeStatus | null): InspectionState {
  const [state, setState] = useState<InspectionState>(IDLE);

  useEffect(() => {
    if (address === null || status === 'killed') {
      setState(IDLE);
      return;
    }
    setState((previous) =>
      previous.address === address ? previous : { address, inspection: null, nowMs: 0, phase: 'loading' },
    );
    let cancelled = false;
    let inFlight = false;
    let dirty = false;
    let lastAskedAt = Number.NEGATIVE_INFINITY;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const ask = async (): Promise<void> => {
      const api = useSim.getState().connection?.api;
      if (!api) return;
      inFlight = true;
      lastAskedAt = performance.now();
      try {
        const inspection = await api.inspect(address);
        if (cancelled) return;
        const nowMs = useSim.getState().frame?.nowMs ?? inspection?.nowMs ?? 0;
        setState({ address, inspection, nowMs, phase: inspection ? 'ready' : 'failed' });
      } catch {
        if (!cancelled) setState({ address, inspection: null, nowMs: 0, phase: 'failed' });
      } finally {
        inFlight = false;
        if (dirty && !cancelled) schedule();
      }
    };

    const schedule = (): void => {
      dirty = true;
      if (inFlight || timer !== null) return;
      const waitMs = Math.max(0, lastAskedAt + REFRESH_MS - performance.now());
      timer = setTimeout(() => {
        timer = null;
        dirty = false;
        void ask();
      }, waitMs);
    };

    schedule();
    const unsubscribe = useSim.subscribe((next, previous) => {
      if (next.frame !== previous.frame || next.connection !== previous.connection) schedule();
    });
    return () => {
      cancelled = true;
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [address, status]);

  return state.address === address ? state : IDLE;
}
