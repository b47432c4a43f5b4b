/**
 * A page of its own for the ring and the matrix, served by Vite in the views tests only
 * (never part of the production bundle). It runs the shell's own controller and
 * `window.distro` automation API, so a test drives it exactly as it drives the app.
 * `?autoplay=0&starter=0&nodes=3&seed=1` as for the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installAutomation } from '../../src/store/automation.ts';
import { setSpeed, urlStartOptions, useSimController } from '../../src/store/simController.ts';
import { setViewpoint, useSim } from '../../src/store/simStore.ts';
import { RegistryMatrix } from '../../src/ui/matrix/RegistryMatrix.tsx';
import { ClusterRing } from '../../src/ui/ring/ClusterRing.tsx';

/** `?views=ring`, `?views=matrix` or `?views=none` leave views out, to measure what each costs. */
const shown = new URLSearchParams(location.search).get('views') ?? 'ring,matrix';

function Harness() {
  useSimController(urlStartOptions());
  return (
    <>
      {shown.includes('ring') ? <ClusterRing /> : null}
      {shown.includes('matrix') ? <RegistryMatrix /> : null}
    </>
  );
}

/** What the views tests need beyond `window.distro`. */
const viewsHarness = {
  setSpeed,
  setViewpoint,
  setLanguage: (language: 'en' | 'zh') => useSim.setState({ language }),
};

declare global {
  interface Window {
    viewsHarness?: typeof viewsHarness;
  }
}

window.viewsHarness = viewsHarness;
installAutomation();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
