import { lazy, Suspense, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { DropZone } from '../io/DropZone.tsx';
import { setFilesOpen, useIo } from '../io/ioStore.ts';
import './share.css';

// Loaded on the first click: the first paint does not wait for what only a click shows.
const FilesDialog = lazy(() =>
  import('../io/FilesDialog.tsx').then((module) => ({ default: module.FilesDialog })),
);
const ShareDialog = lazy(() =>
  import('./ShareDialog.tsx').then((module) => ({ default: module.ShareDialog })),
);

/** The header's Share and Files buttons, their dialogs, and the page-wide drop target. */
export function RunMenu() {
  const t = useT();
  const [sharing, setSharing] = useState(false);
  const filesOpen = useIo((s) => s.filesOpen);
  return (
    <div className="run-menu">
      <button
        type="button"
        onClick={() => setSharing(true)}
        title={t('share.buttonLabel')}
        aria-haspopup="dialog"
        data-testid="share-button"
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
          <path d="M8.5 11.5a3.2 3.2 0 0 0 4.6 0l2.6-2.6a3.2 3.2 0 0 0-4.6-4.6L10 5.4" />
          <path d="M11.5 8.5a3.2 3.2 0 0 0-4.6 0l-2.6 2.6a3.2 3.2 0 0 0 4.6 4.6l1.1-1.1" />
        </svg>
        <span className="run-menu-label">{t('share.button')}</span>
      </button>
      <button
        type="button"
        onClick={() => setFilesOpen(true)}
        title={t('io.buttonLabel')}
        aria-haspopup="dialog"
        data-testid="files-button"
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
          <path d="M5 2.5h6.5L15 6v11.5H5Z" />
          <path d="M11 2.5V6.5h4M7.5 10.5h5M7.5 13.5h5" />
        </svg>
        <span className="run-menu-label">{t('io.button')}</span>
      </button>
      {sharing ? (
        <Suspense fallback={null}>
          <ShareDialog open onClose={() => setSharing(false)} />
        </Suspense>
      ) : null}
      {filesOpen ? (
        <Suspense fallback={null}>
          <FilesDialog />
        </Suspense>
      ) : null}
      <DropZone />
    </div>
  );
}
