import { useEffect } from 'react';
import { stepEvent, toggle } from '../../store/simController.ts';
import { useSim } from '../../store/simStore.ts';

/** Elements that use the arrow keys themselves, or take typed text. */
const KEEPS_ARROWS =
  'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="slider"], [role="tab"], [role="radio"], [role="listbox"], [role="option"], [role="menu"], [role="menuitem"], [role="grid"], [role="gridcell"]';
/** Elements that Space activates or types into (the timeline slider does not use it). */
const KEEPS_SPACE =
  'input, textarea, select, [contenteditable=""], [contenteditable="true"], button, a[href], summary, [role="button"], [role="checkbox"], [role="switch"], [role="tab"], [role="radio"], [role="option"], [role="menuitem"]';

function keeps(target: EventTarget | null, selector: string): boolean {
  return target instanceof Element && target.closest(selector) !== null;
}

/** Space = play/pause, → = step to the next event, unless the focused control needs the key. */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (!useSim.getState().ready) return;
      if (event.key === ' ' && !keeps(event.target, KEEPS_SPACE)) {
        event.preventDefault();
        toggle();
      } else if (event.key === 'ArrowRight' && !keeps(event.target, KEEPS_ARROWS)) {
        event.preventDefault();
        void stepEvent();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
