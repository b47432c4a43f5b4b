import type { ReactNode } from 'react';

interface PanelProps {
  readonly id: string;
  readonly title: string;
  /** Right-aligned extras in the panel's header (a legend, a status). */
  readonly aside?: ReactNode;
  readonly className?: string;
  readonly children: ReactNode;
}

/** A titled card; its heading names the region for screen readers. */
export function Panel({ id, title, aside, className, children }: PanelProps) {
  const headingId = `${id}-heading`;
  return (
    <section
      className={className ? `panel ${className}` : 'panel'}
      aria-labelledby={headingId}
      data-panel={id}
    >
      <header className="panel-header">
        <h2 id={headingId}>{title}</h2>
        {aside}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
