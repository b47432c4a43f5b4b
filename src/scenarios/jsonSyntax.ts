/**
 * Finds where a JSON text goes wrong, for a message with line and column. JSON.parse's own
 * messages differ between engines and often carry no position at all ("Unexpected token
 * ']', "[1,]" is not valid JSON"), so this small scanner re-reads a text JSON.parse has
 * already rejected. It only locates errors; parsing stays JSON.parse's job.
 */
export interface JsonSyntaxError {
  /** UTF-16 offset of the first character that cannot be right. */
  readonly offset: number;
  readonly message: string;
}

class SyntaxProblem {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER_PATTERN = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected text after the end of the JSON value');
  }

  private fail(message: string, offset = this.pos): never {
    throw new SyntaxProblem(offset, message);
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos]!)) this.pos++;
    if (this.text.startsWith('//', this.pos) || this.text.startsWith('/*', this.pos)) {
      this.fail('comments are not allowed in JSON');
    }
  }

  private value(): void {
    this.skipSpace();
    const c = this.peek();
    if (c === undefined) this.fail('unexpected end of the file: a value is missing');
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === "'") this.fail('strings must be in double quotes');
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    this.fail(`unexpected ${describeChar(c)}: expected a value`);
  }

  private object(): void {
    this.pos++;
    this.skipSpace();
    if (this.peek() === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '}') this.fail('trailing comma before "}"');
      if (c !== '"')
        this.fail(
          c === undefined
            ? 'unexpected end of the file inside an object'
            : 'expected a property name in double quotes',
        );
      this.string();
      this.skipSpace();
      if (this.peek() !== ':') this.fail('expected ":" after the property name');
      this.pos++;
      this.value();
      if (this.listEnd('}')) return;
    }
  }

  private array(): void {
    this.pos++;
    this.skipSpace();
    if (this.peek() === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      if (this.listEnd(']')) return;
      this.skipSpace();
      if (this.peek() === ']') this.fail('trailing comma before "]"');
    }
  }

  /** After a member: true at the closing bracket, false after a comma, an error otherwise. */
  private listEnd(close: '}' | ']'): boolean {
    this.skipSpace();
    const c = this.peek();
    this.pos++;
    if (c === close) return true;
    if (c === ',') return false;
    const where = close === '}' ? 'a property value' : 'a list item';
    return this.fail(
      c === undefined ? 'unexpected end of the file' : `expected "," or "${close}" after ${where}`,
      this.pos - 1,
    );
  }

  private string(): void {
    const start = this.pos++;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unterminated string', start);
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c < ' ') this.fail('a line break or control character inside a string must be escaped');
      this.pos += c === '\\' ? 2 : 1;
    }
  }

  private number(): void {
    NUMBER_PATTERN.lastIndex = this.pos;
    const match = NUMBER_PATTERN.exec(this.text);
    if (!match || match[0] === '-') this.fail('malformed number');
    this.pos += match[0].length;
  }
}

function describeChar(c: string): string {
  return c === '\n' ? 'line break' : `character ${JSON.stringify(c)}`;
}

/** The first syntax error in `text`, or null when the scanner finds none. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    new Scanner(text).document();
    return null;
  } catch (problem) {
    if (problem instanceof SyntaxProblem) return { offset: problem.offset, message: problem.message };
    throw problem;
  }
}

/** 1-based line and column of a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
