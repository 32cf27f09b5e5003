// Jupyter notebooks (.ipynb JSON): every code cell is analyzed on its own positions, with imports
// and layer facts shared across cells; findings carry the cell index and cell-relative ranges.
import type { SourceLanguage } from './findings';
import type { Unit } from './engine';

/** One code cell's text and its index among all cells of the notebook. */
export interface NotebookCell {
  index: number;
  text: string;
}

/** The result of reading a notebook: its code cells and their language, or why it could not be read. */
export type NotebookRead = { ok: true; cells: NotebookCell[]; language: SourceLanguage } | { ok: false; reason: string };

function cellSource(src: unknown): string | undefined {
  if (typeof src === 'string') return src;
  if (Array.isArray(src) && src.every((s) => typeof s === 'string')) return src.join('');
  return undefined;
}

/** Blanks IPython magics and shell escapes (`%time`, `!pip`) so the cell parses as Python; keeps offsets. */
export function blankMagics(text: string): string {
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trimStart();
    if (trimmed.startsWith('%') || trimmed.startsWith('!')) {
      lines[i] = `#${lines[i].slice(1)}`;
      changed = true;
    }
  }
  return changed ? lines.join('\n') : text;
}

/** Reads the code cells of a notebook's JSON text; never throws. */
export function readNotebook(json: string): NotebookRead {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { cells?: unknown }).cells)) return { ok: false, reason: 'no "cells" array' };
  const meta = (doc as { metadata?: { language_info?: { name?: unknown }; kernelspec?: { language?: unknown } } }).metadata;
  const lang = meta?.language_info?.name ?? meta?.kernelspec?.language ?? 'python';
  if (typeof lang === 'string' && lang.toLowerCase() !== 'python') return { ok: false, reason: `kernel language ${lang} is not analyzed` };
  const cells: NotebookCell[] = [];
  (doc as { cells: unknown[] }).cells.forEach((cell, index) => {
    if (!cell || typeof cell !== 'object') return;
    const c = cell as { cell_type?: unknown; source?: unknown };
    if (c.cell_type !== 'code') return;
    const text = cellSource(c.source);
    if (text !== undefined) cells.push({ index, text });
  });
  return { ok: true, cells, language: 'python' };
}

/** Engine units for notebook cells (magics blanked, positions unchanged). */
export function cellUnits(cells: readonly NotebookCell[], language: SourceLanguage = 'python'): Unit[] {
  return cells.map((c) => ({ text: language === 'python' ? blankMagics(c.text) : c.text, language, cell: c.index }));
}
