import { Fragment, useEffect, useRef, useState } from 'react';
import { builtinScenario } from '../../scenarios/builtins.ts';
import { selectScenario } from '../../store/scenarioPlayer.ts';
import { useLanguage, useT } from '../i18n/index.ts';
import { type Block, type Inline, protocolFile, sectionIndex, useProtocolSections } from './protocolDoc.ts';

const SCENARIO_LINK = /(?:^|\/)scenarios\/([\w-]+)\.json$/;

interface InlineProps {
  readonly parts: readonly Inline[];
  readonly onAnchor: (anchor: string) => void;
  readonly onScenario: (id: string) => void;
}

/** Inline text; links to another section or to a built-in scenario stay inside the app. */
function InlineText({ parts, onAnchor, onScenario }: InlineProps) {
  const language = useLanguage();
  return (
    <>
      {parts.map((part, index) => {
        const key = `${index}`;
        switch (part.kind) {
          case 'text':
            return <Fragment key={key}>{part.text}</Fragment>;
          case 'code':
            return <code key={key}>{part.text}</code>;
          case 'strong':
            return <strong key={key}>{part.text}</strong>;
          case 'em':
            return <em key={key}>{part.text}</em>;
          default: {
            if (part.href.startsWith('#')) {
              return (
                <button key={key} type="button" className="link-button" onClick={() => onAnchor(part.href)}>
                  {part.text}
                </button>
              );
            }
            const id = SCENARIO_LINK.exec(part.href)?.[1];
            const builtin = id === undefined ? undefined : builtinScenario(id);
            if (builtin) {
              return (
                <button
                  key={key}
                  type="button"
                  className="link-button"
                  onClick={() => onScenario(builtin.id)}
                  title={part.text}
                >
                  {builtin.title[language]}
                </button>
              );
            }
            return <Fragment key={key}>{part.text}</Fragment>;
          }
        }
      })}
    </>
  );
}

function BlockView({ block, ...links }: { readonly block: Block } & Omit<InlineProps, 'parts'>) {
  switch (block.kind) {
    case 'paragraph':
      return (
        <p>
          <InlineText parts={block.text} {...links} />
        </p>
      );
    case 'list': {
      const items = block.items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static document text.
        <li key={index}>
          <InlineText parts={item} {...links} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table': {
      const [head, ...rows] = block.rows;
      return (
        <table>
          {head ? (
            <thead>
              <tr>
                {head.map((cell, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static document text.
                  <th key={index} scope="col">
                    <InlineText parts={cell} {...links} />
                  </th>
                ))}
              </tr>
            </thead>
          ) : null}
          <tbody>
            {rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static document text.
              <tr key={r}>
                {row.map((cell, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static document text.
                  <td key={c}>
                    <InlineText parts={cell} {...links} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'code':
      return <pre>{block.text}</pre>;
  }
}

interface Props {
  /** The anchor to open at (`#verify`), or null when the dialog is closed. */
  readonly anchor: string | null;
  readonly onClose: () => void;
}

/**
 * docs/PROTOCOL.md (or PROTOCOL.zh.md) one section at a time, in a modal dialog: the
 * narration's "learn more". Switching the language keeps the section (both files have the
 * same sections in the same order).
 */
export function DocDialog({ anchor, onClose }: Props) {
  const t = useT();
  const language = useLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  const [index, setIndex] = useState(0);
  // Loaded already: the card's "learn more" that opens this dialog waits for the sections.
  const sections = useProtocolSections(language) ?? [];
  const section = sections[Math.min(index, sections.length - 1)];

  // The language is read at opening only: switching it later keeps the section.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (anchor === null) {
      if (element.open) element.close();
      return;
    }
    setIndex(sectionIndex(sections, anchor));
    if (!element.open) element.showModal();
  }, [anchor]);

  const links = {
    onAnchor: (target: string) => setIndex(sectionIndex(sections, target)),
    onScenario: (id: string) => {
      selectScenario(id);
      onClose();
    },
  };

  return (
    <dialog
      ref={dialog}
      className="doc-dialog"
      aria-labelledby="doc-title"
      onClose={onClose}
      onCancel={onClose}
      data-testid="doc-dialog"
    >
      <div className="doc-frame" lang={language === 'zh' ? 'zh-CN' : 'en'}>
        <header className="doc-head">
          <div>
            <p className="doc-caption muted">{t('doc.caption', { file: protocolFile(language) })}</p>
            <h2 id="doc-title">{section?.title}</h2>
          </div>
          <button type="button" className="ghost" onClick={onClose} data-testid="doc-close">
            {t('doc.close')}
          </button>
        </header>
        {/* A new section starts at its top: the key remounts the scrolled body. */}
        <div className="doc-body" key={index}>
          {section?.blocks.map((block, blockIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static document text.
            <BlockView key={blockIndex} block={block} {...links} />
          ))}
        </div>
        <footer className="doc-foot">
          <button
            type="button"
            onClick={() => setIndex(Math.max(0, index - 1))}
            disabled={index === 0}
            aria-label={t('doc.previous')}
          >
            <span aria-hidden="true">←</span>
            <span className="doc-nav-label" aria-hidden="true">
              {t('doc.previous')}
            </span>
          </button>
          <label className="field inline">
            <span className="visually-hidden">{t('doc.sections')}</span>
            <select value={index} onChange={(event) => setIndex(Number(event.target.value))}>
              {sections.map((entry, entryIndex) => (
                <option key={entry.title} value={entryIndex}>
                  {entry.title}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => setIndex(Math.min(sections.length - 1, index + 1))}
            disabled={index >= sections.length - 1}
            aria-label={t('doc.next')}
          >
            <span className="doc-nav-label" aria-hidden="true">
              {t('doc.next')}
            </span>
            <span aria-hidden="true">→</span>
          </button>
        </footer>
      </div>
    </dialog>
  );
}
