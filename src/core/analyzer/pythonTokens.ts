// A Python tokenizer for the fast reader (pythonReader.ts): names, numbers, strings, operators,
// and the NEWLINE / INDENT / DEDENT structure of the language. It accepts the common subset of
// well-formed code and gives up (returns undefined) on anything unusual, so the caller can let
// Lezer handle that text instead: tabs in indentation, unterminated strings, unbalanced
// brackets, inconsistent dedents, characters Python does not use.
import { PYTHON_KEYWORDS, STRING_PREFIX, isIdentPart, isIdentStart, scanString, stringWords } from './chunks';
import { isHintWord } from './hints';

/** Token kinds. */
export const Tok = {
  Name: 0,
  Number: 1,
  String: 2,
  /** A string with an `f` prefix: its replacement fields are code. */
  FString: 3,
  Op: 4,
  Newline: 5,
  Indent: 6,
  Dedent: 7,
  End: 8,
} as const;
export type Tok = (typeof Tok)[keyof typeof Tok];

/**
 * Tokens as parallel arrays (a file has tens of thousands of them). The arrays are reused by the
 * next tokenizePython call: read them before tokenizing again.
 */
export interface Tokens {
  count: number;
  kind: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  /** Text of Name and Op tokens; unspecified for the others. */
  text: string[];
  comments: Array<{ from: number; to: number; text: string }>;
  /** The words of the text a Program keeps (hints.ts). */
  words: Set<string>;
}

/** Empty token arrays of room for `n` tokens, grown on demand. */
export function newTokens(n = 1024): Tokens {
  return { count: 0, kind: new Uint8Array(n), from: new Int32Array(n), to: new Int32Array(n), text: [], comments: [], words: new Set() };
}

/** The shared token arrays (allocating them per statement made most of the garbage). */
const shared = newTokens();

function grow(t: Tokens): void {
  const n = t.kind.length * 2;
  const kind = new Uint8Array(n);
  kind.set(t.kind);
  const from = new Int32Array(n);
  from.set(t.from);
  const to = new Int32Array(n);
  to.set(t.to);
  t.kind = kind;
  t.from = from;
  t.to = to;
}

const NL = 10;
const CR = 13;
const HASH = 35;
const BACKSLASH = 92;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Operators, longest first within each first character. */
const OPS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '>>', '<<', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '+', '-', '*', '/', '%', '@', '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '='];
/** OPS by their first character's code (an array: looked up for every operator token). */
const OPS_BY_CHAR: Array<string[] | undefined> = new Array<string[] | undefined>(128);
for (const op of OPS) (OPS_BY_CHAR[op.charCodeAt(0)] ??= []).push(op);

/**
 * End of the number starting at `i`, or -1 for forms the fast reader leaves to Lezer. A dot not
 * followed by a digit is not part of it: @lezer/python reads `2.` and `1.e5` as member accesses on
 * `2` and `1` (the reader follows it), and so `1.5.real`.
 */
function numberEnd(text: string, i: number, to: number): number {
  let j = i;
  const c1 = text.charCodeAt(i + 1) | 32;
  if (text.charCodeAt(i) === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) {
    j += 2;
    while (j < to && isIdentPart(text.charCodeAt(j))) j++;
  } else {
    while (j < to && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 95)) j++;
    if (text.charCodeAt(j) === 46) {
      if (!isDigit(text.charCodeAt(j + 1))) return j > i ? j : -1;
      j++;
      while (j < to && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 95)) j++;
    }
    if ((text.charCodeAt(j) | 32) === 101) {
      j++;
      if (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45) j++;
      if (!isDigit(text.charCodeAt(j))) return -1;
      while (j < to && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 95)) j++;
    }
    if ((text.charCodeAt(j) | 32) === 106) j++;
  }
  if (j < to && isIdentPart(text.charCodeAt(j))) return -1;
  return j;
}

/** Names met lately, by hash: a file repeats a few hundred names tens of thousands of times. */
const NAMES: Array<string | undefined> = new Array<string | undefined>(4096);
/** Whether a Program keeps the name in the same slot of NAMES as a word: 0 not known yet, 1 yes, 2 no. */
const KEPT = new Uint8Array(NAMES.length);
/** The key (see nameSlot) of the name in the same slot of NAMES. */
const KEYS = new Float64Array(NAMES.length);

/** Names of at most this many ASCII characters have a key that is the name itself, packed 7 bits a character into a number. */
const KEYED_LENGTH = 7;

/** True when `text` holds `s` at `at` (a loop, not startsWith: short strings, compared inline). */
function sameChars(text: string, at: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(at + k) !== s.charCodeAt(k)) return false;
  return true;
}

/**
 * The slot of NAMES that holds the name `text[from, to)`, put there when missing, or -1 for a long
 * name. One string per name instead of one per occurrence, whose hash is computed once when words and
 * keywords are looked up. The slot is a cheap hash of the length and three characters (a collision
 * only costs a new string). A short name is told from the slot's by its `key` (see KEYED_LENGTH),
 * which the scan over its characters packed: one comparison, not one per character. Names of 13
 * characters or more are not kept: V8 makes them slices that would keep the whole text (a closed
 * document's) alive.
 */
function nameSlot(text: string, from: number, to: number, key: number): number {
  const n = to - from;
  if (n >= 13) return -1;
  const slot = (n * 7 + text.charCodeAt(from) * 31 + text.charCodeAt(to - 1) * 131 + text.charCodeAt(from + (n >> 1)) * 17) & (NAMES.length - 1);
  const known = NAMES[slot];
  if (known !== undefined && (n <= KEYED_LENGTH && key >= 0 ? KEYS[slot] === key : known.length === n && sameChars(text, from, known))) return slot;
  NAMES[slot] = text.slice(from, to);
  KEYS[slot] = key;
  KEPT[slot] = 0;
  return slot;
}

/** True when a Program keeps the name `word` as a word (hints.ts); answered once per NAMES slot. */
function keptName(word: string, slot: number): boolean {
  if (slot >= 0 && KEPT[slot] !== 0) return KEPT[slot] === 1;
  const kept = word.length <= 40 && isHintWord(word) && !PYTHON_KEYWORDS.has(word);
  if (slot >= 0) KEPT[slot] = kept ? 1 : 2;
  return kept;
}

/**
 * Tokenizes Python text `text[from, to)` (a top-level statement and the comments after it) with
 * absolute offsets, and collects the words a Program keeps. Returns undefined when the text is
 * outside the subset described above. The tokens are put `into` the shared arrays unless told
 * otherwise. An `expression` (an f-string's replacement field) is read as if inside brackets: no line
 * structure, no comment.
 */
export function tokenizePython(text: string, from: number, to: number, into: Tokens = shared, expression = false): Tokens | undefined {
  const t = into;
  t.count = 0;
  t.comments = [];
  t.words.clear();
  const push = (k: Tok, a: number, b: number, s: string) => {
    const n = t.count++;
    if (n === t.kind.length) grow(t);
    t.kind[n] = k;
    t.from[n] = a;
    t.to[n] = b;
    t.text[n] = s;
  };
  const indents = [0];
  // An expression is tokenized as if inside brackets: `outer` is its bracket depth.
  const outer = expression ? 1 : 0;
  let depth = outer;
  let lineStart = !expression;
  let i = from;
  while (i < to) {
    if (lineStart && depth === 0) {
      let j = i;
      while (j < to && text.charCodeAt(j) === 32) j++;
      const c = text.charCodeAt(j);
      if (c === 9 || c === 12) return undefined;
      if (j >= to) break;
      if (c === NL || c === CR) {
        i = j + (c === CR && text.charCodeAt(j + 1) === NL ? 2 : 1);
        continue;
      }
      if (c === HASH) {
        let e = j;
        while (e < to && text.charCodeAt(e) !== NL && text.charCodeAt(e) !== CR) e++;
        t.comments.push({ from: j, to: e, text: text.slice(j, e) });
        i = e;
        continue;
      }
      if (c === BACKSLASH) return undefined;
      const col = j - i;
      if (col > indents[indents.length - 1]) {
        indents.push(col);
        push(Tok.Indent, j, j, '');
      } else {
        while (col < indents[indents.length - 1]) {
          indents.pop();
          push(Tok.Dedent, j, j, '');
        }
        if (col !== indents[indents.length - 1]) return undefined;
      }
      lineStart = false;
      i = j;
    }
    const c = text.charCodeAt(i);
    if (c === 32) {
      i++;
    } else if (c === NL || c === CR) {
      const n = c === CR && text.charCodeAt(i + 1) === NL ? 2 : 1;
      if (depth === 0) {
        push(Tok.Newline, i, i + n, '');
        lineStart = true;
      }
      i += n;
    } else if (c === HASH) {
      let e = i;
      while (e < to && text.charCodeAt(e) !== NL && text.charCodeAt(e) !== CR) e++;
      t.comments.push({ from: i, to: e, text: text.slice(i, e) });
      i = e;
    } else if (c === BACKSLASH) {
      const n = text.charCodeAt(i + 1);
      if (n === NL) i += 2;
      else if (n === CR) i += text.charCodeAt(i + 2) === NL ? 3 : 2;
      else return undefined;
    } else if (c === 34 || c === 39) {
      const e = scanString(text, i, to);
      if (e < 0) return undefined;
      stringWords(text, i, i, e, t.words);
      push(Tok.String, i, e, '');
      i = e;
    } else if (isIdentStart(c)) {
      // The name's key: its ASCII characters packed 7 bits each (exact up to KEYED_LENGTH of them), -1 for a name with others.
      let key = c < 128 ? c : -1;
      let j = i + 1;
      for (let d = text.charCodeAt(j); j < to && isIdentPart(d); d = text.charCodeAt(++j)) key = key >= 0 && d < 128 ? key * 128 + d : -1;
      const slot = nameSlot(text, i, j, key);
      const word = slot >= 0 ? (NAMES[slot] as string) : text.slice(i, j);
      const q = text.charCodeAt(j);
      if ((q === 34 || q === 39) && STRING_PREFIX.test(word)) {
        const e = scanString(text, j, to);
        if (e < 0) return undefined;
        stringWords(text, i, j, e, t.words);
        push(/f/i.test(word) ? Tok.FString : Tok.String, i, e, '');
        i = e;
      } else {
        if (keptName(word, slot)) t.words.add(word);
        push(Tok.Name, i, j, word);
        i = j;
      }
    } else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      const e = numberEnd(text, i, to);
      if (e < 0) return undefined;
      push(Tok.Number, i, e, '');
      i = e;
    } else {
      const candidates = c < 128 ? OPS_BY_CHAR[c] : undefined;
      let op: string | undefined;
      // Longest first; the last candidate is the one character already seen when it is one (`(`, `,`, `.`).
      if (candidates) for (let k = 0; k < candidates.length && !op; k++) if (candidates[k].length === 1 || sameChars(text, i, candidates[k])) op = candidates[k];
      if (!op) return undefined;
      if (op === '(' || op === '[' || op === '{') depth++;
      else if (op === ')' || op === ']' || op === '}') {
        if (depth === outer) return undefined;
        depth--;
      }
      push(Tok.Op, i, i + op.length, op);
      i += op.length;
    }
  }
  if (depth > outer || (expression && t.comments.length > 0)) return undefined;
  // A last line without a line break ends at its last token (as Lezer's statements and bodies do).
  if (!lineStart && !expression) {
    const end = t.count > 0 ? t.to[t.count - 1] : from;
    push(Tok.Newline, end, end, '');
  }
  for (let k = indents.length - 1; k > 0; k--) push(Tok.Dedent, to, to, '');
  push(Tok.End, to, to, '');
  return t;
}
