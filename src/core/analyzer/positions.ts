// Offset <-> (line, character) conversion for one text, in UTF-16 code units like VS Code.
import type { SourcePosition, SourceRange } from './findings';

/** Offset of the first line break at or after `from` (`\n`, `\r\n` counted at its `\n`, a lone `\r`), or -1. */
function nextBreak(text: string, from: number, cr: boolean): number {
  if (!cr) return text.indexOf('\n', from);
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) return i;
  }
  return -1;
}

/** Line start offsets of a text; converts offsets to positions in O(log lines). */
export class LineIndex {
  /** Exactly sized: the array a file's ten thousand pushes grew was copied a dozen times over. */
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    // Line breaks counted, then stored; without a \r they are found by the engine's own search (several times faster than a loop over characters).
    const cr = text.includes('\r');
    let n = 1;
    for (let i = nextBreak(text, 0, cr); i >= 0; i = nextBreak(text, i + 1, cr)) n++;
    this.starts = new Int32Array(n);
    n = 1;
    for (let i = nextBreak(text, 0, cr); i >= 0; i = nextBreak(text, i + 1, cr)) this.starts[n++] = i + 1;
  }

  /** 0-based line number containing `offset`. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset where line `line` starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just past the last character of line `line` (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    while (end > this.lineStart(line) && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }

  /** Number of lines (a text without line breaks has one). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset. */
  position(offset: number): SourcePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: o - this.starts[line], offset: o };
  }

  /** The range of [from, to). */
  range(from: number, to: number): SourceRange {
    return { start: this.position(from), end: this.position(to) };
  }
}
