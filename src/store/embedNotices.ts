import { create } from 'zustand';
import type { ParamProblem } from './embedParams.ts';
import type { PermalinkProblem } from './permalink.ts';

/**
 * Messages about how the page was opened: URL parameters that were not valid (and the
 * default used instead), and permalinks that could not be read. The page shows them above
 * the playground, in the full layout and in the embed alike, until they are dismissed.
 */
export type Notice =
  | { readonly kind: 'param'; readonly problem: ParamProblem }
  | {
      readonly kind: 'permalink';
      readonly problem: PermalinkProblem;
      readonly version?: string;
      /** The validator's lines, for `invalid`. */
      readonly errors: readonly string[];
      /** What the page did instead: opened the default playground, or kept the run it had. */
      readonly outcome: 'default' | 'unchanged';
    };

export interface NoticeState {
  readonly notices: readonly Notice[];
}

export const useNotices = create<NoticeState>(() => ({ notices: [] }));

export function addNotices(notices: readonly Notice[]): void {
  if (notices.length > 0) useNotices.setState((state) => ({ notices: [...state.notices, ...notices] }));
}

export function dismissNotice(notice: Notice): void {
  useNotices.setState((state) => ({ notices: state.notices.filter((n) => n !== notice) }));
}

/** Drops the permalink messages (a link that did open replaces an earlier failure's message). */
export function clearPermalinkNotices(): void {
  useNotices.setState((state) => ({ notices: state.notices.filter((n) => n.kind !== 'permalink') }));
}
