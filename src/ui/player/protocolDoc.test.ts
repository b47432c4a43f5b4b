import { describe, expect, it } from 'vitest';
import { PROTOCOL_ANCHORS } from '../../scenarios/schema.ts';
import { loadProtocolSections, parseDoc, parseInline, sectionIndex } from './protocolDoc.ts';

describe('the bundled protocol guide', () => {
  it('has a section for every narration anchor, in both languages', async () => {
    for (const language of ['en', 'zh'] as const) {
      const sections = await loadProtocolSections(language);
      const anchors = sections.map((section) => section.anchor);
      for (const anchor of PROTOCOL_ANCHORS) expect(anchors, `${language} #${anchor}`).toContain(anchor);
      expect(sections[sectionIndex(sections, '#verify')]?.anchor).toBe('verify');
    }
  });

  it('keeps the two languages in the same order', async () => {
    const en = (await loadProtocolSections('en')).map((section) => section.anchor);
    const zh = (await loadProtocolSections('zh')).map((section) => section.anchor);
    expect(zh).toEqual(en);
  });

  it('reads headings, anchors, paragraphs, lists, tables and inline marks', () => {
    const doc = parseDoc(
      [
        '# Title',
        '*[中文版](PROTOCOL.zh.md)*',
        'Intro **bold** text.',
        '<a id="mapper"></a>',
        '## 3. Mapper',
        'A `hash` and',
        'a [link](#beats).',
        '',
        '1. one',
        '   more',
        '2. two',
        '',
        '| a | b |',
        '|---|---|',
        '| 1 | 2 |',
      ].join('\n'),
    );
    expect(doc.map((section) => [section.anchor, section.title])).toEqual([
      ['intro', 'Title'],
      ['mapper', '3. Mapper'],
    ]);
    expect(doc[0]?.blocks).toEqual([{ kind: 'paragraph', text: parseInline('Intro **bold** text.') }]);
    expect(doc[1]?.blocks.map((block) => block.kind)).toEqual(['paragraph', 'list', 'table']);
    expect(doc[1]?.blocks[0]).toEqual({
      kind: 'paragraph',
      text: [
        { kind: 'text', text: 'A ' },
        { kind: 'code', text: 'hash' },
        { kind: 'text', text: ' and a ' },
        { kind: 'link', text: 'link', href: '#beats' },
        { kind: 'text', text: '.' },
      ],
    });
    const list = doc[1]?.blocks[1];
    expect(list?.kind === 'list' && list.items.length).toBe(2);
    const table = doc[1]?.blocks[2];
    expect(table?.kind === 'table' && table.rows.length).toBe(2);
  });
});
