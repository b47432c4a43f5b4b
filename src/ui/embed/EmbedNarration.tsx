import { useLanguage } from '../i18n/index.ts';
import { parseFiredKey, useFiredKey, useGuided } from '../player/useGuided.ts';
import { seconds } from '../time/format.ts';

/** The guided scenario's latest narration card, as one line under the views. */
export function EmbedNarration() {
  const language = useLanguage();
  const guided = useGuided();
  const fired = parseFiredKey(useFiredKey());
  if (guided === null) return null;
  const latest = fired.at(-1);
  const card = latest === undefined ? undefined : guided.scenario.narration[latest.index];
  return (
    <section className="embed-narration" aria-live="polite" data-testid="embed-narration">
      {card && latest ? (
        <p lang={language === 'zh' ? 'zh-CN' : 'en'}>
          <span className="embed-narration-time">{seconds(latest.atMs)} s</span> {card[language]}
        </p>
      ) : (
        <p className="muted">{guided.scenario.name}</p>
      )}
    </section>
  );
}
