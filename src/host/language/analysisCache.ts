/**
 * One analysis per target and signature (the document versions and options it reads), whoever asks:
 * the debounced diagnostics run, a hover and a quick fix share one promise, finished or in flight. A
 * new signature replaces the target's entry, so a result for an older version is never handed out.
 * Failed analyses are forgotten, so the next request tries again. Pure: no vscode, no timers.
 */
export class AnalysisCache<T> {
  private readonly entries = new Map<string, { signature: string; result: Promise<T> }>();

  constructor(private readonly failed: (value: T) => boolean = () => false) {}

  /** The analysis of `key` at `signature`: the one already started (finished or not), else the one `start` starts. */
  get(key: string, signature: string, start: () => Promise<T>): Promise<T> {
    const existing = this.peek(key, signature);
    if (existing) return existing;
    const entry = { signature, result: start() };
    this.entries.set(key, entry);
    const forgetIfFailed = (failed: boolean) => {
      if (failed && this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.result.then((value) => forgetIfFailed(this.failed(value)), () => forgetIfFailed(true));
    return entry.result;
  }

  /** The analysis of `key` at `signature` if one was started, without starting one. */
  peek(key: string, signature: string): Promise<T> | undefined {
    const entry = this.entries.get(key);
    return entry && entry.signature === signature ? entry.result : undefined;
  }

  /** Forgets a target (closed). */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
