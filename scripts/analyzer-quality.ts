// Precision and recall of the initializer analyzer over the fixture corpus (test/fixtures/analyzer).
// Expected findings are annotated inline: `# expect: VI001` (or `// expect: VI001, VI004`) on the
// flagged line; every other line must produce nothing. Run: node --import tsx scripts/analyzer-quality.ts
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile, documentKindForPath } from '../src/core/analyzer/index';
import { readNotebook } from '../src/core/analyzer/notebook';

/** Folder of the annotated fixtures. */
export const FIXTURE_DIR = 'test/fixtures/analyzer';

/** One expected or actual finding, as `cell:line:code` (cell -1 outside notebooks, line 0-based). */
export type Key = string;

const EXPECT = /expect:\s*(VI\d{3}(?:\s*,\s*VI\d{3})*)/;

/** Expected keys from the inline annotations of a text (one cell or a whole file). */
export function expectedKeys(text: string, cell = -1): Key[] {
  const out: Key[] = [];
  text.split('\n').forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (m) for (const code of m[1].split(',')) out.push(`${cell}:${i}:${code.trim()}`);
  });
  return out;
}

/** Expected keys of a fixture file (notebooks: per code cell). */
export function expectedForFile(path: string, text: string): Key[] {
  if (documentKindForPath(path) !== 'notebook') return expectedKeys(text);
  const nb = readNotebook(text);
  return nb.ok ? nb.cells.flatMap((c) => expectedKeys(c.text, c.index)) : [];
}

/** Actual keys the analyzer reports for a fixture file. */
export function actualForFile(path: string, text: string): Key[] {
  return analyzeFile(path, text).findings.map((f) => `${f.cell ?? -1}:${f.range.start.line}:${f.code}`);
}

/** All fixture files, sorted. */
export function fixtureFiles(dir = FIXTURE_DIR): string[] {
  return readdirSync(dir)
    .filter((n) => documentKindForPath(n) !== undefined)
    .sort()
    .map((n) => join(dir, n));
}

/** Per-file and total true/false positives and false negatives. */
export interface Quality {
  files: Array<{ path: string; tp: number; fp: string[]; fn: string[] }>;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

/** Compares expected and actual findings (code + line) over the corpus. */
export function measureQuality(dir = FIXTURE_DIR): Quality {
  const files: Quality['files'] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const path of fixtureFiles(dir)) {
    const text = readFileSync(path, 'utf8');
    const expected = new Set(expectedForFile(path, text));
    const actual = new Set(actualForFile(path, text));
    const fpList = [...actual].filter((k) => !expected.has(k));
    const fnList = [...expected].filter((k) => !actual.has(k));
    const hits = [...actual].filter((k) => expected.has(k)).length;
    tp += hits;
    fp += fpList.length;
    fn += fnList.length;
    files.push({ path, tp: hits, fp: fpList, fn: fnList });
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { files, tp, fp, fn, precision, recall };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const q = measureQuality();
  for (const f of q.files) {
    const extra = [...f.fp.map((k) => `unexpected ${k}`), ...f.fn.map((k) => `missed ${k}`)];
    console.log(`${f.path}: ${f.tp} found${extra.length ? `; ${extra.join('; ')}` : ''}`);
  }
  console.log(`precision ${q.precision.toFixed(3)} (${q.tp}/${q.tp + q.fp}), recall ${q.recall.toFixed(3)} (${q.tp}/${q.tp + q.fn})`);
  process.exit(q.precision >= 0.95 && q.recall >= 0.9 ? 0 : 1);
}
