import { useShallow } from 'zustand/react/shallow';
import type { NodeStatus } from '../../sim/types.ts';
import { useSim } from '../../store/simStore.ts';
import { localizeValidation } from '../i18n/validation.ts';

export interface NodeSummary {
  readonly name: string;
  readonly address: string;
  readonly status: NodeStatus;
  readonly owned: number;
}

/**
 * The nodes as the controls need them. Frames arrive every animation frame; this re-renders
 * only when a name, a status or an owned count changes.
 */
export function useNodeSummaries(): readonly NodeSummary[] {
  const rows = useSim(
    useShallow((state) =>
      (state.frame?.nodes ?? []).map(
        (node) => `${node.name}|${node.address}|${node.status}|${node.owned.length}`,
      ),
    ),
  );
  return rows.map((row) => {
    const [name = '', address = '', status = 'running', owned = '0'] = row.split('|');
    return { name, address, status: status as NodeStatus, owned: Number(owned) };
  });
}

/** Node names, in order (re-renders only when the list changes). */
export function useNodeNames(): readonly string[] {
  return useSim(useShallow((state) => (state.frame?.nodes ?? []).map((node) => node.name)));
}

/** The validation errors of the last failed action, when `source` sent it. */
export function ActionErrors({ source, title }: { readonly source: string; readonly title?: string }) {
  const language = useSim((state) => state.language);
  const errors = useSim((state) => (state.actionErrorSource === source ? state.actionErrors : null));
  return (
    <div className="action-errors" role="alert" data-testid={`errors-${source}`}>
      {errors && errors.length > 0 ? (
        <>
          {title ? <p>{title}</p> : null}
          <ul>
            {errors.map((error) => (
              <li key={error}>{localizeValidation(error, language)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
