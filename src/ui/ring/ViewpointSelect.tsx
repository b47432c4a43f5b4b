import { useId } from 'react';
import { setViewpoint, useSim } from '../../store/simStore.ts';
import type { RingText } from './text.ts';

const OWN = '';

/** "Each node's own view", or the cluster as one node sees it. */
export function ViewpointSelect({ names, t }: { names: readonly string[]; t: RingText }) {
  const viewpoint = useSim((s) => s.viewpoint);
  const id = useId();
  const value = viewpoint !== null && names.includes(viewpoint) ? viewpoint : OWN;
  return (
    <div className="ring-viewpoint">
      <label htmlFor={id}>{t('ring.viewpoint')}</label>
      <select
        id={id}
        value={value}
        data-testid="viewpoint"
        onChange={(event) => setViewpoint(event.target.value === OWN ? null : event.target.value)}
      >
        <option value={OWN}>{t('ring.viewpoint.own')}</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {t('ring.viewpoint.as', { node: name })}
          </option>
        ))}
      </select>
    </div>
  );
}
