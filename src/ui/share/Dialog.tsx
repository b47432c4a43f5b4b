import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../i18n/index.ts';

interface DialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly title: string;
  readonly testId: string;
  readonly children: ReactNode;
}

/**
 * A modal <dialog>: the browser traps focus, Escape closes it and focus returns to the
 * button that opened it. A click on the backdrop closes it too. The content is mounted only
 * while it is open.
 */
export function Dialog({ open, onClose, title, testId, children }: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click is a mouse shortcut; Escape closes it by keyboard.
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
      data-testid={testId}
    >
      {open ? (
        <div className="dialog-inner">
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="ghost icon-button"
              onClick={onClose}
              aria-label={t('share.close')}
              title={t('share.close')}
            >
              <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
                <path d="M5 5l10 10M15 5 5 15" />
              </svg>
            </button>
          </header>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
