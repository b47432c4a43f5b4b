/**
 * The deterministic core (src/protocol and src/sim) must be a pure function of its inputs: no clock,
 * no timers, no randomness, no host globals, no I/O. tsconfig.core.json already compiles it without
 * DOM or Node types; this test is the second fence, and it also polices what the core imports.
 *
 * Comments and string literals are blanked out before matching, so prose that mentions `Date` is fine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** Globals that smuggle in time, scheduling, randomness, the host or I/O. */
const FORBIDDEN_IDENTIFIERS = [
  'Date',
  'performance',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'requestAnimationFrame',
  'crypto',
  'window',
  'document',
  'globalThis',
  'process',
  'console',
  'fetch',
] as const;

/** The only package the core may import. */
const ALLOWED_PACKAGES = new Set(['js-md5']);

/** Folders under src/ that src/sim must not reach into. */
const SIM_FORBIDDEN_DIRS = ['ui', 'store', 'workers', 'scenarios', 'cli'];

type Area = 'protocol' | 'sim';

interface Literal {
  /** The literal's raw text between its quotes. */
  readonly value: string;
  /** Offset of the opening quote in the source. */
  readonly start: number;
}

interface Stripped {
  /** The source with comments, string, template and regex literal text replaced by spaces (newlines kept). */
  readonly code: string;
  /** Every string literal, and every template literal without substitutions. */
  readonly literals: readonly Literal[];
}

/** After these keywords a `/` starts a regular expression, not a division. */
const REGEX_AFTER_KEYWORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** A small TypeScript lexer: just enough to tell code from comments and literals. */
function stripCommentsAndStrings(source: string): Stripped {
  const out = source.split('');
  const literals: Literal[] = [];
  const n = source.length;
  /** Brace depth at which each open `${` substitution started. */
  const templateStack: number[] = [];
  let braceDepth = 0;
  let regexAllowed = true;
  let i = 0;

  const blank = (from: number, to: number): void => {
    for (let k = from; k < to && k < n; k++) {
      if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
    }
  };

  /** Scans template text from `from`; `openAt` is the backtick or the `}` that ended a substitution. */
  const scanTemplate = (from: number, openAt: number): number => {
    let j = from;
    while (j < n) {
      const ch = source[j];
      if (ch === '\\') {
        j += 2;
      } else if (ch === '`') {
        blank(openAt, j + 1);
        if (source[openAt] === '`') literals.push({ value: source.slice(openAt + 1, j), start: openAt });
        regexAllowed = false;
        return j + 1;
      } else if (ch === '$' && source[j + 1] === '{') {
        blank(openAt, j + 2);
        templateStack.push(braceDepth);
        regexAllowed = true;
        return j + 2;
      } else {
        j++;
      }
    }
    blank(openAt, n);
    return n;
  };

  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      literals.push({ value: source.slice(i + 1, j), start: i });
      const stop = Math.min(j + 1, n);
      blank(i, stop);
      i = stop;
      regexAllowed = false;
    } else if (c === '`') {
      i = scanTemplate(i + 1, i);
    } else if (
      c === '}' &&
      templateStack.length > 0 &&
      templateStack[templateStack.length - 1] === braceDepth
    ) {
      templateStack.pop();
      i = scanTemplate(i + 1, i);
    } else if (c === '/' && regexAllowed) {
      let j = i + 1;
      let inClass = false;
      while (j < n && source[j] !== '\n') {
        const ch = source[j];
        if (ch === '\\') {
          j += 2;
          continue;
        }
        if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        else if (ch === '/' && !inClass) break;
        j++;
      }
      j++;
      while (j < n && /[A-Za-z]/.test(source[j]!)) j++;
      blank(i, j);
      i = j;
      regexAllowed = false;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(source[j]!)) j++;
      regexAllowed = REGEX_AFTER_KEYWORDS.has(source.slice(i, j));
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(source[j]!)) j++;
      regexAllowed = false;
      i = j;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      if (c === '{') braceDepth++;
      if (c === '}') braceDepth--;
      regexAllowed = !(c === ')' || c === ']' || c === '}');
      i++;
    }
  }
  return { code: out.join(''), literals };
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < source.length; k++) if (source[k] === '\n') line++;
  return line;
}

interface Problem {
  readonly line: number;
  readonly message: string;
}

/** Forbidden globals used as identifiers (`x.console` is a property of x and is fine). */
function findForbiddenIdentifiers(code: string): Problem[] {
  const problems: Problem[] = [];
  const pattern = new RegExp(
    `(?<![\\w$])(?:${FORBIDDEN_IDENTIFIERS.join('|')}|Math\\s*\\??\\.\\s*random)(?![\\w$])`,
    'g',
  );
  for (const match of code.matchAll(pattern)) {
    let k = match.index - 1;
    while (k >= 0 && /\s/.test(code[k]!)) k--;
    // A member access such as `ctx.process` or `a?.document`, but not a spread `...process`.
    if (code[k] === '.' && code[k - 1] !== '.') continue;
    problems.push({
      line: lineAt(code, match.index),
      message: `uses \`${match[0].replace(/\s+/g, '')}\``,
    });
  }
  return problems;
}

interface ModuleRef {
  readonly specifier: string;
  readonly line: number;
}

/** Module specifiers of import/export ... from, side-effect imports, import(), require() and /// <reference>. */
function findModuleRefs(source: string, stripped: Stripped): ModuleRef[] {
  const refs: ModuleRef[] = [];
  for (const literal of stripped.literals) {
    const before = stripped.code.slice(Math.max(0, literal.start - 200), literal.start).trimEnd();
    if (/(?<![\w$.])(?:from|import)$/.test(before) || /(?<![\w$.])(?:import|require)\s*\(\s*$/.test(before)) {
      refs.push({ specifier: literal.value, line: lineAt(source, literal.start) });
    }
  }
  for (const match of source.matchAll(
    /^[ \t]*\/\/\/[ \t]*<reference[ \t]+(path|types)[ \t]*=[ \t]*["']([^"']*)["']/gm,
  )) {
    const specifier = match[1] === 'path' && !match[2]!.startsWith('.') ? `./${match[2]}` : match[2]!;
    refs.push({ specifier, line: lineAt(source, match.index) });
  }
  return refs;
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Checks one core source file; `file` is its absolute path (it need not exist). */
function checkSource(area: Area, file: string, source: string): Problem[] {
  const stripped = stripCommentsAndStrings(source);
  const problems = findForbiddenIdentifiers(stripped.code);
  const areaDir = join(SRC, area);
  for (const { specifier, line } of findModuleRefs(source, stripped)) {
    const quoted = `'${specifier}'`;
    if (!specifier.startsWith('.') && !specifier.startsWith('/')) {
      if (!ALLOWED_PACKAGES.has(specifier)) {
        problems.push({
          line,
          message: `imports package ${quoted} (only ${[...ALLOWED_PACKAGES].join(', ')})`,
        });
      }
      continue;
    }
    const target = resolve(dirname(file), specifier);
    if (area === 'protocol' && !isInside(areaDir, target)) {
      problems.push({ line, message: `imports ${quoted}, outside src/protocol` });
    }
    if (area === 'sim') {
      const banned = SIM_FORBIDDEN_DIRS.find((dir) => isInside(join(SRC, dir), target));
      if (banned) problems.push({ line, message: `imports ${quoted}, from src/${banned}` });
      else if (!isInside(SRC, target)) problems.push({ line, message: `imports ${quoted}, outside src` });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => /\.(?:ts|tsx|mts|cts)$/.test(path) && !/\.(?:test|spec)\.[cm]?tsx?$/.test(path))
    .sort();
}

function checkArea(area: Area): string[] {
  return listSources(join(SRC, area)).flatMap((file) =>
    checkSource(area, file, readFileSync(file, 'utf8')).map(
      ({ line, message }) => `${relative(ROOT, file).split(sep).join('/')}:${line}: ${message}`,
    ),
  );
}

describe('purity of the deterministic core', () => {
  it('finds the core sources to check', () => {
    expect(listSources(join(SRC, 'protocol')).length).toBeGreaterThan(0);
  });

  it('src/protocol uses no clock, timer, randomness, host global or I/O, and imports only itself and js-md5', () => {
    expect(checkArea('protocol')).toEqual([]);
  });

  it('src/sim uses no clock, timer, randomness, host global or I/O, and imports no UI, store, worker, scenario or CLI code', () => {
    expect(checkArea('sim')).toEqual([]);
  });
});

describe('the purity checker itself', () => {
  const protocolFile = join(SRC, 'protocol', 'bad.ts');
  const simFile = join(SRC, 'sim', 'bad.ts');
  const check = (area: Area, source: string) =>
    checkSource(area, area === 'protocol' ? protocolFile : simFile, source).map(
      (p) => `${p.line}: ${p.message}`,
    );

  it('reports forbidden globals with their line', () => {
    const source = [
      'export function step(now: number) {',
      '  const t = Date.now();',
      '  setTimeout(() => {}, 10);',
      '  if (Math.random() < 0.5) console.log(t, now);',
      '  const env = { ...process.env };',
      '  return globalThis.crypto ?? window;',
      '}',
    ].join('\n');
    expect(check('protocol', source)).toEqual([
      '2: uses `Date`',
      '3: uses `setTimeout`',
      '4: uses `Math.random`',
      '4: uses `console`',
      '5: uses `process`',
      '6: uses `globalThis`',
      '6: uses `window`',
    ]);
  });

  it('ignores comments, strings, templates, regexes and member access', () => {
    const source = [
      '// Date.now() would break determinism; so would setTimeout.',
      '/* performance.now(), Math.random(), fetch() */',
      'const a = \'Date\' + "console";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source under test
      'const b = `process ${a.length} window`;',
      'const c = /document|fetch/g.test(a) ? ctx.process : ctx?.console;',
      'const d = x / 2 / y; // not a regex',
      'const e = { fetchCount: 1, dateOfBirth: 2, Dates: 3 };',
    ].join('\n');
    expect(check('sim', source)).toEqual([]);
  });

  it('finds code inside template substitutions', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source under test
    const source = 'const s = `at ${Date.now()} ms, ${`nested ${performance.now()}`}`;';
    expect(check('sim', source)).toEqual(['1: uses `Date`', '1: uses `performance`']);
  });

  it('reports protocol imports that leave src/protocol, and packages other than js-md5', () => {
    const source = [
      "import { md5 } from 'js-md5';",
      "import type { Envelope } from './messages.ts';",
      "import type { SimEvent } from '../sim/types.ts';",
      "import { create } from 'zustand';",
      "export * from '../ui/App.tsx';",
      "import 'node:fs';",
      "const lazy = await import('../cli/sim.ts');",
      '/// <reference types="node" />',
    ].join('\n');
    expect(check('protocol', source)).toEqual([
      "3: imports '../sim/types.ts', outside src/protocol",
      "4: imports package 'zustand' (only js-md5)",
      "5: imports '../ui/App.tsx', outside src/protocol",
      "6: imports package 'node:fs' (only js-md5)",
      "7: imports '../cli/sim.ts', outside src/protocol",
      "8: imports package 'node' (only js-md5)",
    ]);
  });

  it('reports sim imports from ui, store, workers, scenarios and cli, and packages other than js-md5', () => {
    const source = [
      "import type { Address } from '../protocol/model.ts';",
      "import { Rng } from './rng.ts';",
      "import { App } from '../ui/App.tsx';",
      "import { useStore } from '../store/index.ts';",
      "import type { Api } from '../workers/node.worker.ts';",
      "export { basic } from '../scenarios/basic.ts';",
      "const cli = require('../cli/sim.ts');",
      "import * as d3 from 'd3';",
      "import { md5 } from 'js-md5';",
    ].join('\n');
    expect(check('sim', source)).toEqual([
      "3: imports '../ui/App.tsx', from src/ui",
      "4: imports '../store/index.ts', from src/store",
      "5: imports '../workers/node.worker.ts', from src/workers",
      "6: imports '../scenarios/basic.ts', from src/scenarios",
      "7: imports '../cli/sim.ts', from src/cli",
      "8: imports package 'd3' (only js-md5)",
    ]);
  });
});
