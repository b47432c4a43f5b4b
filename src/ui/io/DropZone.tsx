import { useEffect } from 'react';
import { useT } from '../i18n/index.ts';
import { importScenarioFile, useIo } from './ioStore.ts';

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * A scenario file dropped anywhere on the page opens like one chosen in the Files dialog;
 * the dialog opens to show the outcome (the run, or the file's errors).
 */
export function DropZone() {
  const t = useT();
  const dragging = useIo((s) => s.dragging);
  useEffect(() => {
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      useIo.setState({ dragging: true });
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) useIo.setState({ dragging: false });
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      useIo.setState({ dragging: false, filesOpen: true });
      const files = event.dataTransfer?.files;
      const file = files?.[0];
      if (file) void importScenarioFile(file, (files?.length ?? 0) > 1);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  if (!dragging) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>{t('io.drop')}</p>
    </div>
  );
}
