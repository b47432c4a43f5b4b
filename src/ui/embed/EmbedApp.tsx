import { type ReactNode, useEffect } from 'react';
import type { EmbedPanel } from '../../store/embedParams.ts';
import { Charts } from '../charts/Charts.tsx';
import { ControlPanel } from '../controls/ControlPanel.tsx';
import { useT } from '../i18n/index.ts';
import { MessageLog } from '../inspectors/MessageLog.tsx';
import { NodeInspector } from '../inspectors/NodeInspector.tsx';
import { ErrorBoundary } from '../layout/ErrorBoundary.tsx';
import { RegistryMatrix } from '../matrix/RegistryMatrix.tsx';
import { ClusterRing } from '../ring/ClusterRing.tsx';
import { Notices } from '../share/Notices.tsx';
import { EmbedBar } from './EmbedBar.tsx';
import { EmbedNarration } from './EmbedNarration.tsx';
import './embed.css';

const VIEWS: Record<EmbedPanel, { readonly name: string; readonly render: () => ReactNode }> = {
  ring: { name: 'Cluster ring', render: () => <ClusterRing headless /> },
  matrix: { name: 'Registry matrix', render: () => <RegistryMatrix /> },
  log: { name: 'Message log', render: () => <MessageLog /> },
  inspector: { name: 'Node inspector', render: () => <NodeInspector /> },
  charts: { name: 'Charts', render: () => <Charts /> },
  controls: { name: 'Controls', render: () => <ControlPanel /> },
};

/**
 * The compact layout for iframes (`?embed=1`): a bar of controls, the chosen panels
 * side by side, and the guided scenario's latest card. It fills the frame exactly, so an
 * 800 × 500 iframe shows it without scrollbars.
 */
export function EmbedApp({
  panels,
  status,
}: {
  readonly panels: readonly EmbedPanel[];
  readonly status: ReactNode;
}) {
  const t = useT();
  useEffect(() => {
    document.documentElement.classList.add('embed-mode');
    return () => document.documentElement.classList.remove('embed-mode');
  }, []);
  return (
    <main className="embed" aria-label={t('embed.region')} data-testid="embed">
      <EmbedBar />
      {status}
      <Notices compact />
      <div className={`embed-grid embed-grid--${Math.min(panels.length, 4)}`}>
        {panels.map((panel) => (
          <div key={panel} className={`embed-cell embed-cell--${panel}`} data-testid={`embed-panel-${panel}`}>
            <ErrorBoundary name={VIEWS[panel].name}>{VIEWS[panel].render()}</ErrorBoundary>
          </div>
        ))}
      </div>
      <EmbedNarration />
    </main>
  );
}
