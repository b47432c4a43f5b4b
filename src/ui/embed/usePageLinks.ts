import { useEffect } from 'react';
import { installEmbedApi } from '../../store/embedApi.ts';
import { watchPermalinkFragment } from '../../store/embedBoot.ts';

/**
 * The page's outside connections: the postMessage API for a host page that frames it
 * (origins from `origins=`), and permalinks pasted into the address bar of the open page.
 */
export function usePageLinks(origins: readonly string[]): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the origins are the page's URL's, read once.
  useEffect(() => installEmbedApi({ origins }), []);
  useEffect(() => watchPermalinkFragment(), []);
}
