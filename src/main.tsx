// d3 declares itself free of side effects, so a bundle that imports only `select` from it
// loses d3-transition's patch of `selection.transition()`. Import it for its effect.
import 'd3-transition';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installAutomation } from './store/automation.ts';
import { bootPlan } from './store/embedBoot.ts';
import { App } from './ui/App.tsx';
import './ui/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('Distro Playground: #root element is missing from index.html');

// window.distro: the automation API for tests and scripts (src/store/automation.ts).
installAutomation();

// How the page opens (URL parameters, a permalink), read before the first render: reading it
// posts notices and may set the theme, which a render must not do.
const plan = bootPlan();

createRoot(container).render(
  <StrictMode>
    <App plan={plan} />
  </StrictMode>,
);
