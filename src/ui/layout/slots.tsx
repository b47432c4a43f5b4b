import { Charts } from '../charts/Charts.tsx';
import { MessageLog } from '../inspectors/MessageLog.tsx';
import { NodeInspector } from '../inspectors/NodeInspector.tsx';
import { RegistryMatrix } from '../matrix/RegistryMatrix.tsx';
import { ScenarioPlayer } from '../player/ScenarioPlayer.tsx';
import { ClusterRing } from '../ring/ClusterRing.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Panel } from './Panel.tsx';

/**
 * Where the other parts of the UI plug into the shell. Each view renders its own titled
 * section; the ring and the matrix sit on a card of the shell's, the inspectors draw
 * their own. A view that throws fails alone.
 */

export function RingSlot() {
  return (
    <div className="card slot slot-ring">
      <ErrorBoundary name="Cluster ring">
        <ClusterRing />
      </ErrorBoundary>
    </div>
  );
}

export function MatrixSlot() {
  return (
    <div className="card slot slot-matrix">
      <ErrorBoundary name="Registry matrix">
        <RegistryMatrix />
      </ErrorBoundary>
    </div>
  );
}

/** The guided scenarios: picker, narration and verdicts (src/ui/player). */
export function PlayerSlot({ title }: { readonly title: string }) {
  return (
    <Panel id="scenario" title={title} className="slot slot-player">
      <ErrorBoundary name="Scenario player">
        <ScenarioPlayer />
      </ErrorBoundary>
    </Panel>
  );
}

export function InspectorSlots() {
  return (
    <>
      <div className="slot slot-inspector">
        <ErrorBoundary name="Node inspector">
          <NodeInspector />
        </ErrorBoundary>
      </div>
      <div className="slot slot-log">
        <ErrorBoundary name="Message log">
          <MessageLog />
        </ErrorBoundary>
      </div>
      <div className="slot slot-charts">
        <ErrorBoundary name="Charts">
          <Charts />
        </ErrorBoundary>
      </div>
    </>
  );
}
