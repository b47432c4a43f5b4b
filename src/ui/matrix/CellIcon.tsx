import type { CellState } from './model.ts';

/** A shape per state (a check, a warning, a hollow ring), so no state rests on colour alone. */
export function CellIcon({ state }: { state: CellState }) {
  return (
    <svg
      className={`matrix-icon matrix-icon--${state}`}
      viewBox="0 0 20 20"
      width="18"
      height="18"
      aria-hidden="true"
    >
      {state === 'healthy' ? (
        <>
          <circle cx="10" cy="10" r="8.5" />
          <path d="M5.8 10.4l2.8 2.8 5.6-6" />
        </>
      ) : state === 'unhealthy' ? (
        <>
          <path d="M10 2.2L18.4 17H1.6z" />
          <path d="M10 7.6v4.4M10 14.4v.2" />
        </>
      ) : (
        <circle cx="10" cy="10" r="7.5" />
      )}
    </svg>
  );
}
