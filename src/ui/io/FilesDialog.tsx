import { useRef, useState } from 'react';
import { type MessageKey, useT } from '../i18n/index.ts';
import { Dialog } from '../share/Dialog.tsx';
import { downloadText } from './download.ts';
import { type SavedFile, scenarioFile, traceFile } from './exportRun.ts';
import { importScenarioFile, MAX_FILE_BYTES, setFilesOpen, useIo } from './ioStore.ts';
import './io.css';

/** What happened to the last file opened: loading, opened, or every error line. */
export function ImportResult() {
  const t = useT();
  const state = useIo((s) => s.importState);
  if (state.status === 'idle') return null;
  if (state.status === 'loading') {
    return (
      <p className="import-result" role="status" data-testid="import-status">
        {t('io.loading', { file: state.file })}
      </p>
    );
  }
  if (state.status === 'loaded') {
    return (
      <p className="import-result ok" role="status" data-testid="import-status">
        {t('io.loaded', { file: state.file, name: state.name })}
        {state.onlyFirst ? ` ${t('io.onlyFirst', { file: state.file })}` : ''}
      </p>
    );
  }
  const lines =
    state.reason === 'tooLarge'
      ? [t('io.tooLarge', { file: state.file, size: state.sizeMb ?? 0, limit: MAX_FILE_BYTES / 1e6 })]
      : state.reason === 'unreadable'
        ? [t('io.unreadable', { file: state.file })]
        : state.errors;
  return (
    <div className="import-result bad" role="alert" data-testid="import-errors">
      <p>
        <strong>{t('io.failed', { file: state.file })}</strong>
      </p>
      <ul>
        {lines.map((line) => (
          <li key={line}>
            <code>{line}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SaveButton({
  label,
  help,
  make,
  testId,
}: {
  readonly label: MessageKey;
  readonly help: MessageKey;
  readonly make: () => Promise<SavedFile>;
  readonly testId: string;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const onSave = async () => {
    setBusy(true);
    try {
      const file = await make();
      downloadText(file.fileName, file.text);
      useIo.setState({ saved: file.fileName });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="io-action">
      <button type="button" onClick={() => void onSave()} disabled={busy} data-testid={testId}>
        <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
          <path d="M10 3v9m-4-4 4 4 4-4M4 14v2.5h12V14" />
        </svg>
        {t(label)}
      </button>
      <p className="help">{t(help)}</p>
    </div>
  );
}

/** Save the run as a scenario file or its trace; open a scenario file (or drop one on the page). */
export function FilesDialog() {
  const t = useT();
  const open = useIo((s) => s.filesOpen);
  const saved = useIo((s) => s.saved);
  const input = useRef<HTMLInputElement>(null);
  return (
    <Dialog open={open} onClose={() => setFilesOpen(false)} title={t('io.title')} testId="files-dialog">
      <div className="dialog-body">
        <SaveButton
          label="io.saveScenario"
          help="io.saveScenarioHelp"
          make={scenarioFile}
          testId="save-scenario"
        />
        <SaveButton label="io.saveTrace" help="io.saveTraceHelp" make={traceFile} testId="save-trace" />
        <p className="import-result ok" role="status">
          {saved === null ? '' : t('io.saved', { file: saved })}
        </p>
        <section className="dialog-section">
          <div className="io-action">
            <button type="button" onClick={() => input.current?.click()} data-testid="open-scenario">
              <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
                <path d="M3 6.5V15a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-6L8.5 5H4a1 1 0 0 0-1 1.5Z" />
              </svg>
              {t('io.openFile')}
            </button>
            <p className="help">{t('io.openHelp')}</p>
            <input
              ref={input}
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              data-testid="scenario-file-input"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = '';
                if (file) void importScenarioFile(file);
              }}
            />
          </div>
          <ImportResult />
        </section>
      </div>
    </Dialog>
  );
}
