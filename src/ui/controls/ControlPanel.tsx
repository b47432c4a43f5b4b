import { type KeyboardEvent, useRef, useState } from 'react';
import { type MessageKey, useT } from '../i18n/index.ts';
import { ClientControls } from './ClientControls.tsx';
import { NetworkControls } from './NetworkControls.tsx';
import { NodeControls } from './NodeControls.tsx';

const TABS = ['nodes', 'network', 'clients'] as const;
type Tab = (typeof TABS)[number];

/** Nodes, network and clients, as tabs (WAI-ARIA tabs: arrow keys move between them). */
export function ControlPanel() {
  const t = useT();
  const [active, setActive] = useState<Tab>('nodes');
  const buttons = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.indexOf(active);
    let next: Tab | undefined;
    if (event.key === 'ArrowRight') next = TABS[(index + 1) % TABS.length];
    else if (event.key === 'ArrowLeft') next = TABS[(index + TABS.length - 1) % TABS.length];
    else if (event.key === 'Home') next = TABS[0];
    else if (event.key === 'End') next = TABS[TABS.length - 1];
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="control-panel">
      <div className="tabs" role="tablist" aria-label={t('controls.tabs')} onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <button
            key={tab}
            ref={(element) => {
              buttons.current[tab] = element;
            }}
            type="button"
            role="tab"
            id={`tab-${tab}`}
            aria-selected={active === tab}
            aria-controls={`tabpanel-${tab}`}
            tabIndex={active === tab ? 0 : -1}
            onClick={() => setActive(tab)}
            data-testid={`tab-${tab}`}
          >
            {t(`tab.${tab}` as MessageKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tabpanel-nodes" aria-labelledby="tab-nodes" hidden={active !== 'nodes'}>
        <NodeControls />
      </div>
      <div role="tabpanel" id="tabpanel-network" aria-labelledby="tab-network" hidden={active !== 'network'}>
        <NetworkControls />
      </div>
      <div role="tabpanel" id="tabpanel-clients" aria-labelledby="tab-clients" hidden={active !== 'clients'}>
        <ClientControls />
      </div>
    </div>
  );
}
