import type { DistroAutomation } from './automation.ts';

declare global {
  interface Window {
    /** The playground's automation API (src/store/automation.ts). */
    distro: DistroAutomation;
  }
}
