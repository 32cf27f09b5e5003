// Nested compound statements no rule can need (an indented `def`, `for`, `if`... whose text holds
// nothing chunkRelevant looks for), found on the tokens of a top-level statement. Both readings skip
// them, as buildProgram skips such a top-level statement: the fast reader jumps over their tokens, the
// Lezer converter over their nodes. Most of a class or training loop is such code.
import { Tok, type Tokens } from './pythonTokens';
import { Piece, PIECE_BITS, mentionsName, pieceBits, piecesRelevant } from './relevance';
import type { Span } from './model';

/** Keywords that open a compound statement, with the clauses that continue it (`else`, `except`...). */
const CLAUSES: ReadonlyMap<string, readonly string[]> = new Map([
  ['def', []],
  ['class', []],
  ['with', []],
  ['if', ['elif', 'else']],
  ['for', ['else']],
  ['while', ['else']],
  ['try', ['except', 'else', 'finally']],
]);

/** The skipped statements of one tokenized text, in order. */
export interface BlockSkips {
  /** Token ranges: start, end (exclusive), start, end... */
  tokens: number[];
  /** Their text: from the keyword to the start of what follows (comments after it included). */
  spans: Span[];
}

export const NO_SKIPS: BlockSkips = Object.freeze({ tokens: [], spans: [] }) as BlockSkips;

/** True when token `k` starts a line of code (it follows a line break, an indent or a dedent). */
function startsLine(t: Tokens, k: number): boolean {
  const p = t.kind[k - 1];
  return k === 0 || p === Tok.Newline || p === Tok.Indent || p === Tok.Dedent;
}

/** Index of the first token after the compound statement starting at `start` (its clauses included). */
function statementEnd(t: Tokens, start: number, clauses: readonly string[]): number {
  let depth = 0;
  for (let k = start + 1; k < t.count; k++) {
    const kind = t.kind[k];
    if (kind === Tok.Indent) depth++;
    else if (kind === Tok.Dedent) {
      if (depth === 0) return k;
      depth--;
    } else if (kind === Tok.End) return k;
    else if (depth === 0 && startsLine(t, k) && !(kind === Tok.Name && clauses.includes(t.text[k]))) return k;
  }
  return t.count - 1;
}

/** Piece bits of operator token `k`; `_(` (an in-place method), `[:]` and `[...]` (a whole-tensor slice) are triggers across tokens. */
function opBits(t: Tokens, text: string, k: number): number {
  const op = t.text[k];
  const from = t.from[k];
  if (op === '(') return text.charCodeAt(from - 1) === 95 ? Piece.Matters : 0;
  if (op === '[') return text.startsWith(':]', from + 1) || text.startsWith('...]', from + 1) ? Piece.Matters : 0;
  return op.length === 1 && op !== '*' && op !== '@' && op !== '=' ? 0 : pieceBits(op);
}

/** Piece bits of a string literal or comment, an imported name in it counting as a trigger. */
function stringBits(s: string, aliases: ReadonlySet<string>): number {
  return pieceBits(s) | (aliases.size > 0 && mentionsName(s, aliases) ? Piece.Matters : 0);
}

/** Index of the first of the text's comments (in order) that starts at or after `offset`. */
function firstCommentAt(t: Tokens, offset: number): number {
  let lo = 0;
  let hi = t.comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.comments[mid].from < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when the tokens [start, end) and the comments among them may matter (see chunkRelevant). */
function mayMatter(t: Tokens, text: string, start: number, end: number, aliases: ReadonlySet<string>): boolean {
  let bits = 0;
  const named = aliases.size > 0;
  for (let k = start; k < end; k++) {
    let b = t.bits[k];
    if (b === Piece.Unread) {
      b = t.kind[k] === Tok.Op ? opBits(t, text, k) : stringBits(text.slice(t.from[k], t.to[k]), aliases);
      t.bits[k] = b;
    } else if (named && t.kind[k] === Tok.Name && aliases.has(t.text[k])) b |= Piece.Matters;
    bits |= b & PIECE_BITS;
    if (bits & Piece.Matters) return true;
  }
  const to = t.from[end];
  for (let c = firstCommentAt(t, t.from[start]); c < t.comments.length && t.comments[c].to <= to; c++) {
    bits |= stringBits(t.comments[c].text, aliases);
  }
  return piecesRelevant(bits);
}

/**
 * The indented compound statements of tokenized text that no rule can need, outermost first: one
 * whose pieces may matter is read, and the statements nested in it are looked at in turn.
 */
export function skippableBlocks(t: Tokens, text: string, aliases: ReadonlySet<string>): BlockSkips {
  const out: BlockSkips = { tokens: [], spans: [] };
  let level = 0;
  for (let k = 0; k < t.count; k++) {
    const kind = t.kind[k];
    if (kind === Tok.Indent) level++;
    else if (kind === Tok.Dedent) level--;
    else if (level > 0 && kind === Tok.Name && startsLine(t, k)) {
      const clauses = CLAUSES.get(t.text[k]);
      if (clauses === undefined) continue;
      const end = statementEnd(t, k, clauses);
      if (mayMatter(t, text, k, end, aliases)) continue;
      out.tokens.push(k, end);
      out.spans.push({ from: t.from[k], to: t.from[end] });
      // The statement's indents and dedents balance: what follows is at this level.
      k = end - 1;
    }
  }
  return out;
}
