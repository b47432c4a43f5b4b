import type { BootPlan } from '../store/embedBoot.ts';
import { useSimController } from '../store/simController.ts';
import { useSim } from '../store/simStore.ts';
import { ControlPanel } from './controls/ControlPanel.tsx';
import { EmbedApp } from './embed/EmbedApp.tsx';
import { usePageLinks } from './embed/usePageLinks.ts';
import { useT } from './i18n/index.ts';
import { Header } from './layout/Header.tsx';
import { Panel } from './layout/Panel.tsx';
import { InspectorSlots, MatrixSlot, PlayerSlot, RingSlot } from './layout/slots.tsx';
import { useDocumentSettings } from './layout/useDocumentSettings.ts';
import { useGlobalKeys } from './layout/useGlobalKeys.ts';
import { Notices } from './share/Notices.tsx';
import { RunMenu } from './share/RunMenu.tsx';
import { TimeControls } from './time/TimeControls.tsx';

function StatusBanner() {
  const t = useT();
  const ready = useSim((state) => state.ready);
  const fatal = useSim((state) => state.fatalError);
  if (fatal !== null) {
    return (
      <p className="banner error" role="alert">
        {t('app.fatal', { error: fatal })}
      </p>
    );
  }
  return ready ? null : (
    <p className="banner" role="status">
      {t('app.loading')}
    </p>
  );
}

/**
 * The page: the full playground, or with `?embed=1` the compact layout for iframes. How it
 * opens (URL parameters, a permalink) is read once from its address before the first render
 * (src/store/embedBoot.ts, src/main.tsx).
 */
export function App({ plan }: { readonly plan: BootPlan }) {
  useSimController(plan.start);
  useDocumentSettings();
  useGlobalKeys();
  usePageLinks(plan.settings.origins);
  return plan.settings.embed ? (
    <EmbedApp panels={plan.settings.panels} status={<StatusBanner />} />
  ) : (
    <Playground />
  );
}

/** The playground: header, time, the cluster views, controls and inspectors. */
function Playground() {
  const t = useT();
  return (
    <div className="app">
      <a className="skip-link" href="#controls">
        {t('app.skip')}
      </a>
      <div className="top">
        <Header />
        <RunMenu />
        <TimeControls />
      </div>
      <StatusBanner />
      <Notices />
      <main className="workspace">
        <div className="stage">
          <RingSlot />
          <MatrixSlot />
        </div>
        <aside className="side" id="controls" tabIndex={-1} aria-label={t('section.controls')}>
          <PlayerSlot title={t('section.scenario')} />
          <Panel id="controls" title={t('section.controls')}>
            <ControlPanel />
          </Panel>
        </aside>
        <div className="inspectors">
          <InspectorSlots />
        </div>
      </main>
    </div>
  );
}
