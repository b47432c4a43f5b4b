import { useEffect, useSyncExternalStore } from 'react';
import type { Language } from '../../store/simStore.ts';

/**
 * docs/PROTOCOL.md and its Chinese twin, bundled as text and cut into sections, so the
 * narration's "learn more" works offline and inside the app. Only the little Markdown those
 * files use is understood: `##` headings with an `<a id>` anchor before them, paragraphs,
 * lists, tables, fenced code, and inline code, emphasis and links. Each file is a chunk of
 * its own, loaded the first time a narration card needs it: 12 kB (gzip) the first paint
 * does not wait for.
 */

export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong'; readonly text: string }
  | { readonly kind: 'em'; readonly text: string }
  /** `href` as written: `#beats`, `../scenarios/owner-killed.json`, `ARCHITECTURE.md`. */
  | { readonly kind: 'link'; readonly text: string; readonly href: string };

export type Block =
  | { readonly kind: 'paragraph'; readonly text: readonly Inline[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly (readonly Inline[])[] }
  | { readonly kind: 'table'; readonly rows: readonly (readonly (readonly Inline[])[])[] }
  | { readonly kind: 'code'; readonly text: string };

export interface DocSection {
  /** The `<a id>` before the heading (`mapper`), or null for sections without one. */
  readonly anchor: string | null;
  readonly title: string;
  readonly blocks: readonly Block[];
}

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    const [, code, strong, em, label, href] = match;
    if (code !== undefined) out.push({ kind: 'code', text: code });
    else if (strong !== undefined) out.push({ kind: 'strong', text: strong });
    else if (em !== undefined) out.push({ kind: 'em', text: em });
    else out.push({ kind: 'link', text: label ?? '', href: href ?? '' });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

const LIST_ITEM = /^(\s*)(?:[-*]|(\d+)\.)\s+(.*)$/;

/** Chinese text wraps without spaces: a line break next to a CJK character joins with nothing. */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

function joinLines(lines: readonly string[]): string {
  return lines.reduce((joined, line) => {
    if (joined === '') return line;
    const gap = CJK.test(joined.at(-1) ?? '') || CJK.test(line[0] ?? '') ? '' : ' ';
    return `${joined}${gap}${line}`;
  }, '');
}

function tableRow(line: string): Inline[][] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => parseInline(cell.trim()));
}

/** The lines of one section → blocks. */
function parseBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || /^<a id=/.test(line.trim())) {
      i += 1;
    } else if (line.startsWith('```')) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').startsWith('```')) body.push(lines[i++] ?? '');
      i += 1;
      blocks.push({ kind: 'code', text: body.join('\n') });
    } else if (line.trim().startsWith('|')) {
      const rows: Inline[][][] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) {
        const row = lines[i++] ?? '';
        if (!/^\|?[\s:|-]+\|?$/.test(row.trim())) rows.push(tableRow(row));
      }
      blocks.push({ kind: 'table', rows });
    } else if (LIST_ITEM.test(line)) {
      const ordered = LIST_ITEM.exec(line)?.[2] !== undefined;
      const items: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim() !== '') {
        const current = lines[i++] ?? '';
        const item = LIST_ITEM.exec(current);
        if (item) items.push(item[3] ?? '');
        else items[items.length - 1] = joinLines([items.at(-1) ?? '', current.trim()]);
      }
      blocks.push({ kind: 'list', ordered, items: items.map(parseInline) });
    } else {
      const text: string[] = [];
      while (i < lines.length) {
        const current = lines[i] ?? '';
        if (current.trim() === '' || LIST_ITEM.test(current) || current.trim().startsWith('|')) break;
        text.push(current.trim());
        i += 1;
      }
      blocks.push({ kind: 'paragraph', text: parseInline(joinLines(text)) });
    }
  }
  return blocks;
}

/** A whole document → its sections: the introduction (under the `#` title), then one per `##`. */
export function parseDoc(markdown: string): DocSection[] {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const sections: DocSection[] = [];
  let title = '';
  let anchor: string | null = null;
  let body: string[] = [];
  let pendingAnchor: string | null = null;
  const flush = () => {
    if (title !== '') sections.push({ anchor, title, blocks: parseBlocks(body) });
  };
  for (const line of lines) {
    const id = /^<a id="([\w-]+)"><\/a>\s*$/.exec(line.trim());
    if (id) {
      pendingAnchor = id[1] ?? null;
      continue;
    }
    const heading = /^(#{1,2})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      title = heading[2] ?? '';
      anchor = heading[1] === '#' ? 'intro' : pendingAnchor;
      pendingAnchor = null;
      body = [];
      continue;
    }
    // The link to the other language's file means nothing inside the app.
    if (!/^\*\[[^\]]+\]\(PROTOCOL(\.zh)?\.md\)\*$/.test(line.trim())) body.push(line);
  }
  flush();
  return sections;
}

const SOURCES: Record<Language, () => Promise<{ default: string }>> = {
  en: () => import('../../../docs/PROTOCOL.md?raw'),
  zh: () => import('../../../docs/PROTOCOL.zh.md?raw'),
};
const loaded: Partial<Record<Language, readonly DocSection[]>> = {};
const loading: Partial<Record<Language, Promise<readonly DocSection[]>>> = {};
const listeners = new Set<() => void>();

/** The sections of docs/PROTOCOL.md (en) or docs/PROTOCOL.zh.md (zh), loaded once. */
export function loadProtocolSections(language: Language): Promise<readonly DocSection[]> {
  loading[language] ??= SOURCES[language]().then((module) => {
    const sections = parseDoc(module.default);
    loaded[language] = sections;
    for (const listener of listeners) listener();
    return sections;
  });
  return loading[language];
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The sections in this language, or null while they load (the first call starts it). */
export function useProtocolSections(language: Language): readonly DocSection[] | null {
  const sections = useSyncExternalStore(subscribe, () => loaded[language] ?? null);
  useEffect(() => {
    void loadProtocolSections(language);
  }, [language]);
  return sections;
}

/** The index of the section with this anchor (`#mapper` or `mapper`); 0 when there is none. */
export function sectionIndex(sections: readonly DocSection[], anchor: string): number {
  const id = anchor.replace(/^#/, '');
  const index = sections.findIndex((section) => section.anchor === id);
  return Math.max(0, index);
}

/** The file the sections come from, for the dialog's caption. */
export function protocolFile(language: Language): string {
  return language === 'zh' ? 'docs/PROTOCOL.zh.md' : 'docs/PROTOCOL.md';
}
