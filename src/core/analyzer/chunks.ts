// Cheap lexical passes over Python text that let the analyzer parse less: splitting a file into its
// top-level statements ("chunks") and reading the words of chunks that are not parsed (and the
// f-string lexing those words and the fast reader share). Neither pass decides a finding; every chunk
// that could hold one is parsed (see buildProgram).
import { isHintWord } from './hints';
import type { Span } from './model';

const NL = 10;
const CR = 13;
const HASH = 35;
const BACKSLASH = 92;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === NL || c === CR;
}

/** Character classes of ASCII codes: 1 starts an identifier, 2 only continues one (digits). */
const ASCII_IDENT = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_IDENT[c] = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ? 1 : c >= 48 && c <= 57 ? 2 : 0;

/** True for a character that starts an identifier (any non-ASCII one counts; NaN, past the text's end, does not). */
export function isIdentStart(c: number): boolean {
  return c < 128 ? ASCII_IDENT[c] === 1 : c >= 128;
}

/** True for a character that continues an identifier (a table: the tokenizer asks for every character of every name). */
export function isIdentPart(c: number): boolean {
  return c < 128 ? ASCII_IDENT[c] !== 0 : c >= 128;
}

/** Keywords that continue the compound statement above them (`else:` at column 0 is not a new chunk). */
const CONTINUATION = /(else|elif|except|finally)\b/y;

/**
 * Scans the string literal whose opening quote is at `i`, up to `to`: the offset just past its
 * closing quote, or, when it is not terminated, `-1 - stop` where `stop` is where it ends anyway
 * (the line break of a single-quoted string, `to` for a triple-quoted one).
 */
export function scanString(text: string, i: number, to: number): number {
  const q = text.charCodeAt(i);
  const triple = text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  let j = i + (triple ? 3 : 1);
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) {
      j += 2;
      continue;
    }
    if (c === q) {
      if (!triple) return j + 1;
      if (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q) return j + 3;
    } else if (!triple && (c === NL || c === CR)) return -1 - j;
    j++;
  }
  return -1 - to;
}

/** Offset just past the string literal whose opening quote is at `i` (unterminated single-quoted strings end at the line break). */
function skipString(text: string, i: number): number {
  const end = scanString(text, i, text.length);
  return end >= 0 ? end : -1 - end;
}

/**
 * The characters forEachLogicalLine stops at: line breaks, `#`, quotes, the backslash and brackets.
 * The engine's search passes the others several times faster than a loop over characters.
 */
const LINE_SPECIAL = /[\n\r#"'\\()[\]{}]/g;

/**
 * Calls `visit` with each offset in `text` where a logical line starts: 0, and every line start
 * outside brackets, strings and backslash continuations (blank and comment-only lines included).
 */
function forEachLogicalLine(text: string, visit: (start: number) => void): void {
  visit(0);
  const to = text.length;
  let depth = 0;
  let i = 0;
  for (;;) {
    LINE_SPECIAL.lastIndex = i;
    if (!LINE_SPECIAL.test(text)) return;
    i = LINE_SPECIAL.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === NL || (c === CR && text.charCodeAt(i + 1) !== NL)) {
      i++;
      if (depth === 0 && i < to) visit(i);
    } else if (c === CR) {
      i++;
    } else if (c === HASH) {
      while (i < to && text.charCodeAt(i) !== NL && text.charCodeAt(i) !== CR) i++;
    } else if (c === 34 || c === 39) {
      i = skipString(text, i);
    } else if (c === BACKSLASH) {
      // A line continuation: the next line is part of this one.
      i += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === NL ? 3 : 2;
    } else {
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (depth > 0) depth--;
      i++;
    }
  }
}

/**
 * Splits Python text into its top-level statements: a chunk starts at each logical line whose
 * first character is code at column 0; `else`/`elif`/`except`/`finally` and the definition under
 * a decorator stay with the chunk above. Comments and blank lines belong to the chunk before them.
 * The chunks cover the text exactly, in order.
 */
export function pythonChunks(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  let decorated = false;
  forEachLogicalLine(text, (i) => {
    const c = text.charCodeAt(i);
    if (i >= text.length || isSpace(c) || c === HASH) return;
    CONTINUATION.lastIndex = i;
    if (i > start && !decorated && !CONTINUATION.test(text)) {
      out.push({ from: start, to: i });
      start = i;
    }
    decorated = c === 64; // '@': the decorated definition follows on a later line
  });
  out.push({ from: start, to: text.length });
  return out;
}

/** Prefixes a Python string literal may carry (`rb'...'`). */
export const STRING_PREFIX = /^(r|u|b|f|br|rb|fr|rf)$/i;

/** Python's hard keywords: never a name in a parse tree (True, False and None are literals). */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/** Adds `word` to `out` when a Program keeps it (hints.ts). */
function addHint(out: Set<string>, word: string): void {
  if (isHintWord(word)) out.add(word);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/** End of the escape sequence whose backslash is at `i`, as @lezer/python's string tokenizer reads it (`\o` takes octal digits, `\123` is `\1`). */
function escapeEnd(text: string, i: number): number {
  const kind = text.charCodeAt(i + 1);
  let j = i + 2;
  const digits = (n: number, ok: (c: number) => boolean) => {
    for (let k = 0; k < n && ok(text.charCodeAt(j)); k++) j++;
  };
  if (kind === 111) digits(2, (c) => c >= 48 && c <= 55);
  else if (kind === 120) digits(2, isHex);
  else if (kind === 117) digits(4, isHex);
  else if (kind === 85) digits(8, isHex);
  else if (kind === 78 && text.charCodeAt(j) === 123) {
    j++;
    for (let c = text.charCodeAt(j); j < text.length && c !== 125 && c !== 39 && c !== 34 && c !== 10; c = text.charCodeAt(++j));
    if (text.charCodeAt(j) === 125) j++;
  }
  return j;
}

/**
 * End of the expression of the f-string replacement field starting at `from` (after its `{`): the
 * `}`, `!` (conversion), `:` (format spec) or `=` (self-documenting) that follows it outside brackets
 * and strings. -1 when the field is not closed before `limit` or holds what the fast reader leaves to
 * Lezer (a comment, a backslash).
 */
function fieldExpressionEnd(text: string, from: number, limit: number): number {
  let depth = 0;
  for (let k = from; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 35 || c === 92) return -1;
    if (c === 34 || c === 39) {
      const e = scanString(text, k, limit);
      if (e < 0) return -1;
      k = e - 1;
    } else if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      if (depth === 0) return c === 125 ? k : -1;
      depth--;
    } else if (depth === 0) {
      const next = text.charCodeAt(k + 1);
      if ((c === 33 && next !== 61) || c === 58) return k;
      if (c === 61 && next !== 61) {
        const prev = text.charCodeAt(k - 1);
        if (prev !== 61 && prev !== 33 && prev !== 60 && prev !== 62) return k;
      }
    }
  }
  return -1;
}

function skipBlanks(text: string, k: number): number {
  for (let c = text.charCodeAt(k); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++k));
  return k;
}

/** A replacement field of an f-string, where Lezer's FormatReplacement has its parts (offsets in the text). */
export interface FormatField {
  /** Its `{`; `close` is after its `}`. */
  open: number;
  close: number;
  /** The expression's text. */
  expr: Span;
  /** The self-documenting `=` and the conversion's `!`, where present. */
  selfDoc?: number;
  conversion?: number;
  /** The format spec's `:`, and the fields nested in the spec. */
  spec?: { from: number; fields: FormatField[] };
}

/** The field whose `{` is at `open`, or undefined when it is not closed before `limit` or is malformed. */
function formatField(text: string, open: number, limit: number): FormatField | undefined {
  const exprEnd = fieldExpressionEnd(text, open + 1, limit);
  if (exprEnd < 0) return undefined;
  const field: FormatField = { open, close: 0, expr: { from: open + 1, to: exprEnd } };
  let k = skipBlanks(text, exprEnd);
  if (text.charCodeAt(k) === 61) {
    field.selfDoc = k;
    k = skipBlanks(text, k + 1);
  }
  if (text.charCodeAt(k) === 33) {
    const c = text.charCodeAt(k + 1);
    if (c !== 115 && c !== 114 && c !== 97) return undefined;
    field.conversion = k;
    k = skipBlanks(text, k + 2);
  }
  if (text.charCodeAt(k) === 58) {
    field.spec = { from: k, fields: [] };
    k++;
    while (k < limit && text.charCodeAt(k) !== 125) {
      if (text.charCodeAt(k) !== 123) k++;
      else {
        const nested = formatField(text, k, limit);
        if (!nested) return undefined;
        field.spec.fields.push(nested);
        k = nested.close;
      }
    }
  }
  if (k >= limit || text.charCodeAt(k) !== 125) return undefined;
  field.close = k + 1;
  return field;
}

/**
 * The parts of the f-string literal `text[from, to)` (opening quote at `quote`) that Lezer's tree gives
 * nodes, in order: its escapes (spans) and replacement fields, read as @lezer/python's string tokenizer
 * reads them (`{{` is text; a raw string has no escapes). `complete` is false when a field is unclosed
 * or malformed: the parts stop before it.
 */
export function formatParts(text: string, from: number, quote: number, to: number): { parts: Array<Span | FormatField>; complete: boolean } {
  const raw = /r/i.test(text.slice(from, quote));
  const q = text.charCodeAt(quote);
  const quotes = text.charCodeAt(quote + 1) === q && text.charCodeAt(quote + 2) === q ? 3 : 1;
  const end = to - quotes;
  const parts: Array<Span | FormatField> = [];
  for (let i = quote + quotes; i < end; ) {
    const c = text.charCodeAt(i);
    if (c === 123 && text.charCodeAt(i + 1) !== 123) {
      const field = formatField(text, i, end);
      if (!field) return { parts, complete: false };
      parts.push(field);
      i = field.close;
    } else if (c === 123) i += 2;
    else if (c === 92 && raw) i += 2;
    else if (c === 92) {
      const e = escapeEnd(text, i);
      parts.push({ from: i, to: e });
      i = e;
    } else i++;
  }
  return { parts, complete: true };
}

/** Adds the words of a replacement field's expression and of the fields nested in its spec (see formatWords). */
function fieldWords(text: string, field: FormatField, out: Set<string>): void {
  pythonWords(text, field.expr.from, field.expr.to, out);
  for (const nested of field.spec?.fields ?? []) fieldWords(text, nested, out);
}

/**
 * Adds the words Lezer's tree holds inside the f-string literal `text[from, to)` whose opening quote is
 * at `quote`: those of its replacement fields' expressions (names, attribute names, string literals)
 * and of the fields nested in their format specs; none of its literal text, escapes or specs.
 */
function formatWords(text: string, from: number, quote: number, to: number, out: Set<string>): void {
  for (const part of formatParts(text, from, quote, to).parts) if ('expr' in part) fieldWords(text, part, out);
}

/**
 * Adds the words of Python text `text[from, to)` that a Program keeps (hints.ts) to `out`, as
 * buildProgram reads them from a parse tree: identifiers and attribute names (not keywords) of at most
 * 40 characters, and the contents of string literals of at most 40 characters. Comments are skipped.
 */
export function pythonWords(text: string, from: number, to: number, out: Set<string>): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === HASH) {
      while (i < to && text.charCodeAt(i) !== NL && text.charCodeAt(i) !== CR) i++;
    } else if (c === 34 || c === 39) {
      const end = Math.min(skipString(text, i), to);
      stringWords(text, i, i, end, out);
      i = end;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < to && isIdentPart(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      const q = text.charCodeAt(j);
      if ((q === 34 || q === 39) && STRING_PREFIX.test(word)) {
        const end = Math.min(skipString(text, j), to);
        stringWords(text, i, j, end, out);
        i = end;
        continue;
      }
      if (j - i <= 40 && isHintWord(word) && !PYTHON_KEYWORDS.has(word)) out.add(word);
      i = j;
    } else if (c >= 48 && c <= 57) {
      // A number (1e3, 0x1F, 1_000j): no words inside. A dot not followed by a digit ends it: Lezer
      // reads `1.e5` and `1.5.real` as member accesses, whose names are words.
      i++;
      for (let d = text.charCodeAt(i); i < to && (isIdentPart(d) || (d === 46 && isDigitCode(text.charCodeAt(i + 1)))); d = text.charCodeAt(++i));
    } else i++;
  }
}

/**
 * Adds the words of the string literal `text[from, to)` whose opening quote is at `quote` (after any
 * prefix) that a Program keeps (hints.ts): its body when the literal has at most 40 characters; for an
 * f-string, the names in its fields.
 */
export function stringWords(text: string, from: number, quote: number, to: number, out: Set<string>): void {
  if (quote > from && /f/i.test(text.slice(from, quote))) formatWords(text, from, quote, to, out);
  else if (to - from <= 40) addHint(out, unquoteAt(text, quote, to));
}

/** The body of the string literal text[from, to) without its quotes. */
function unquoteAt(text: string, from: number, to: number): string {
  const q = text.charCodeAt(from);
  const n = text.charCodeAt(from + 1) === q && text.charCodeAt(from + 2) === q && to - from >= 6 ? 3 : 1;
  const closed = to - from >= 2 * n && text.charCodeAt(to - 1) === q;
  return text.slice(from + n, closed ? to - n : to);
}
