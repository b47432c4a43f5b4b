import type { NarrationCard } from '../../scenarios/schema.ts';
import type { GuidedScenario } from '../../store/scenarioPlayer.ts';
import { useLanguage, useT } from '../i18n/index.ts';
import { seconds } from '../time/format.ts';
import { sectionIndex, useProtocolSections } from './protocolDoc.ts';
import { parseFiredKey, useEnded, useFiredKey } from './useGuided.ts';

const ISSUE = /^alibaba\/nacos#(\d+)$/;

/** "§12.4" names a section of the behaviour reference; "alibaba/nacos#1873" links to GitHub. */
function Reference({ refText }: { readonly refText: string }) {
  const t = useT();
  const issue = ISSUE.exec(refText);
  if (issue) {
    return (
      <a
        className="card-ref"
        href={`https://github.com/alibaba/nacos/issues/${issue[1]}`}
        target="_blank"
        rel="noopener noreferrer"
        title={t('player.refIssueTitle')}
        data-testid="card-ref"
      >
        {t('player.refIssue', { ref: refText })}
      </a>
    );
  }
  return (
    <span className="card-ref" title={t('player.refSectionTitle', { ref: refText })} data-testid="card-ref">
      {t('player.refSection', { ref: refText })}
    </span>
  );
}

interface CardProps {
  readonly card: NarrationCard;
  readonly index: number;
  readonly atMs: number;
  readonly position: number;
  readonly total: number;
  readonly current: boolean;
  readonly onLearnMore: (anchor: string) => void;
}

function Card({ card, index, atMs, position, total, current, onLearnMore }: CardProps) {
  const t = useT();
  const language = useLanguage();
  const doc = card.doc;
  const sections = useProtocolSections(language);
  const section = doc === undefined || sections === null ? null : sections[sectionIndex(sections, doc)];
  return (
    <article
      className={current ? 'narration-card current' : 'narration-card'}
      data-card={index}
      data-testid={current ? 'narration-card-current' : 'narration-card'}
    >
      <header className="card-head">
        <span className="card-time">t = {seconds(atMs)} s</span>
        <span className="card-count">{t('player.cardOf', { n: position, total })}</span>
      </header>
      <p className="card-text" lang={language === 'zh' ? 'zh-CN' : 'en'} data-testid="card-text">
        {card[language]}
      </p>
      {card.ref !== undefined || section ? (
        <footer className="card-links">
          {card.ref !== undefined ? <Reference refText={card.ref} /> : null}
          {doc !== undefined && section ? (
            <button
              type="button"
              className="link-button"
              onClick={() => onLearnMore(doc)}
              data-testid="card-learn-more"
            >
              {t('player.learnMore', { section: section.title })}
            </button>
          ) : null}
        </footer>
      ) : null}
    </article>
  );
}

interface Props {
  readonly guided: GuidedScenario;
  readonly onLearnMore: (anchor: string) => void;
}

/**
 * The cards fired so far (`frame.scenario.fired`): the newest one large, the earlier ones
 * below it, newest first, in a scrollable list. Nothing here looks at the wall clock: a card
 * appears only when the run has reached its event.
 */
export function NarrationFeed({ guided, onLearnMore }: Props) {
  const t = useT();
  const ended = useEnded();
  const fired = parseFiredKey(useFiredKey());
  const cards = guided.scenario.narration;
  const total = cards.length;
  const shown = fired.flatMap((firing, order) => {
    const card = cards[firing.index];
    return card ? [{ ...firing, card, position: order + 1 }] : [];
  });
  const latest = shown.at(-1);
  const earlier = shown.slice(0, -1).reverse();
  const waiting = fired.length < total && !ended;

  return (
    <section className="narration" aria-label={t('player.narration')}>
      <div className="narration-now" aria-live="polite" data-testid="narration-current">
        {latest ? (
          <Card
            key={latest.index}
            card={latest.card}
            index={latest.index}
            atMs={latest.atMs}
            position={latest.position}
            total={total}
            current
            onLearnMore={onLearnMore}
          />
        ) : null}
      </div>
      {waiting ? (
        <p className="narration-waiting muted" data-testid="narration-waiting">
          <span className="waiting-dot" aria-hidden="true" />
          {latest ? t('player.waiting') : t('player.waitingFirst')}
        </p>
      ) : null}
      {earlier.length > 0 ? (
        <div className="narration-history">
          <h3>{t('player.history', { count: earlier.length })}</h3>
          <ol data-testid="narration-history">
            {earlier.map((entry) => (
              <li key={entry.index}>
                <Card
                  card={entry.card}
                  index={entry.index}
                  atMs={entry.atMs}
                  position={entry.position}
                  total={total}
                  current={false}
                  onLearnMore={onLearnMore}
                />
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
