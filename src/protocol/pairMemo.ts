/**
 * Remembers a string built from two parts, so the hot paths (every beat builds its service
 * key and `ip:port`) get the same string object back each time: no concatenation, and a
 * Map lookup with it reuses the hash the engine cached on the string. Pure: the result
 * depends only on the parts; the bound only keeps a pathological run from growing it.
 */
export class PairMemo<B> {
  private readonly byFirst = new Map<string, Map<B, string>>();
  private size = 0;

  constructor(
    private readonly build: (first: string, second: B) => string,
    private readonly limit = 200_000,
  ) {}

  get(first: string, second: B): string {
    let inner = this.byFirst.get(first);
    if (inner === undefined) {
      inner = new Map();
      this.byFirst.set(first, inner);
    }
    let value = inner.get(second);
    if (value === undefined) {
      if (this.size >= this.limit) this.clear();
      value = this.build(first, second);
      inner.set(second, value);
      this.size += 1;
    }
    return value;
  }

  private clear(): void {
    this.byFirst.clear();
    this.size = 0;
  }
}
