import { BUILTIN_SCENARIOS } from '../../scenarios/builtins.ts';
import { dismissNotice, type Notice, useNotices } from '../../store/embedNotices.ts';
import { EMBED_PANELS, type ParamProblem } from '../../store/embedParams.ts';
import { PERMALINK_VERSION } from '../../store/permalink.ts';
import { MAX_UI_NODES, SPEEDS } from '../../store/simStore.ts';
import { type MessageKey, type Translate, useT } from '../i18n/index.ts';
import './share.css';

/** At most this many validator lines are listed for a link; the rest are counted. */
const MAX_LINES = 8;

/** "URL parameter nodes=abc: expected a whole number from 1 to 32; using 3." */
export function paramText(problem: ParamProblem, t: Translate): string {
  const { param, got } = problem;
  if (problem.ignoredBecause !== undefined) {
    return t('params.ignored', { param, got, reason: t(`params.ignoredBy.${problem.ignoredBecause}`) });
  }
  const expected = t(`params.expect.${param}` as MessageKey, {
    ids: BUILTIN_SCENARIOS.map((entry) => entry.id).join(', '),
    max: MAX_UI_NODES,
    speeds: SPEEDS.join(', '),
    panels: EMBED_PANELS.join(', '),
  });
  const fallback = problem.fallback ?? t(`params.off.${param}` as MessageKey);
  return t('params.invalid', { param, got, expected, fallback });
}

function PermalinkNotice({ notice, t }: { notice: Notice & { kind: 'permalink' }; t: Translate }) {
  const lines = notice.errors.slice(0, MAX_LINES);
  return (
    <>
      <p>
        <strong>{t('permalink.title')}</strong>{' '}
        {t(`permalink.problem.${notice.problem}`, {
          version: notice.version ?? '?',
          supported: PERMALINK_VERSION,
        })}
      </p>
      {lines.length > 0 ? (
        <ul className="notice-lines">
          {lines.map((line) => (
            <li key={line}>
              <code>{line}</code>
            </li>
          ))}
          {notice.errors.length > MAX_LINES ? (
            <li>{t('permalink.more', { count: notice.errors.length - MAX_LINES })}</li>
          ) : null}
        </ul>
      ) : null}
      <p>{t(`permalink.outcome.${notice.outcome}`)}</p>
    </>
  );
}

/**
 * What was wrong with the page's address: a permalink that did not open, URL parameters
 * that were not valid (and what is used instead). Each can be dismissed.
 */
export function Notices({ compact = false }: { readonly compact?: boolean }) {
  const t = useT();
  const notices = useNotices((state) => state.notices);
  if (notices.length === 0) return null;
  return (
    <section
      className={compact ? 'notices compact' : 'notices'}
      aria-label={t('notice.region')}
      data-testid="notices"
    >
      {notices.map((notice, index) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: notices are only appended and removed whole.
          key={index}
          className={notice.kind === 'permalink' ? 'notice bad' : 'notice'}
          role={notice.kind === 'permalink' ? 'alert' : 'status'}
          data-testid={
            notice.kind === 'permalink' ? 'permalink-error' : `param-notice-${notice.problem.param}`
          }
        >
          <div className="notice-text">
            {notice.kind === 'permalink' ? (
              <PermalinkNotice notice={notice} t={t} />
            ) : (
              <p>{paramText(notice.problem, t)}</p>
            )}
          </div>
          <button
            type="button"
            className="ghost icon-button notice-close"
            onClick={() => dismissNotice(notice)}
            aria-label={t('notice.dismiss')}
            title={t('notice.dismiss')}
          >
            <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
              <path d="M5 5l10 10M15 5 5 15" />
            </svg>
          </button>
        </div>
      ))}
    </section>
  );
}
