// The pure part of the workspace scan behind the Initializer Findings view: which files to read,
// which to leave out (files.exclude, the analysis exclude setting), analyzing them in time slices
// that keep the event loop free, and grouping the findings by file. Free of 'vscode' so unit tests
// and the benchmark run it in plain node.
import type { AnalysisResult, AnalyzeOptions, Finding } from '../../core/analyzer/index';
import { documentKindForPath } from '../../core/analyzer/languages';

/** The files the scan reads: Python, notebooks and JS/TS (what documentKindForPath knows). */
export const SCAN_GLOB = '**/*.{py,pyi,ipynb,js,mjs,cjs,jsx,ts,mts,cts,tsx}';

/** Folders never worth scanning: installed packages and VCS metadata, declaration files. */
export const ALWAYS_EXCLUDED: readonly string[] = ['**/node_modules/**', '**/.git/**', '**/site-packages/**', '**/*.d.ts'];

/** Findings of one file, in source order. */
export interface FileFindings {
  /** Absolute path (or URI string) of the file, as the caller named it. */
  path: string;
  findings: Finding[];
}

/** One file for the scan: its name and how to read its text. */
export interface ScanFile {
  path: string;
  read(): Promise<string>;
}

/** Options of scanFiles(). */
export interface ScanOptions {
  analyze?: Omit<AnalyzeOptions, 'language'>;
  /** Analyzes one file (default: the pure analyzer on this thread; the extension passes its worker). A rejection counts the file as skipped. */
  analyzeFile?: (path: string, text: string, options: Omit<AnalyzeOptions, 'language'>) => AnalysisResult | Promise<AnalysisResult>;
  /** Checked before each file; when it returns true the scan stops and reports `cancelled`. */
  isCancelled?: () => boolean;
  /** Called after each file with the counts so far. */
  onProgress?: (done: number, total: number) => void;
  /** Longest stretch of analysis (ms) before the scan yields to the event loop. */
  sliceMs?: number;
  /** How many reads are in flight ahead of the analysis. */
  readAhead?: number;
}

/** What a scan found. */
export interface ScanResult {
  /** Files with at least one finding, sorted by path. */
  files: FileFindings[];
  /** Files analyzed. */
  scanned: number;
  /** Files that could not be read or were skipped by the analyzer (too large, invalid notebook). */
  skipped: number;
  cancelled: boolean;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Analyzes the files one after the other (reads overlap with analysis), yielding to the event loop
 * at least every `sliceMs` of work so the extension host stays responsive. Never throws for a file
 * that cannot be read: it counts as skipped.
 */
export async function scanFiles(files: readonly ScanFile[], options: ScanOptions = {}): Promise<ScanResult> {
  const sliceMs = options.sliceMs ?? 8;
  const readAhead = Math.max(1, options.readAhead ?? 8);
  const out: FileFindings[] = [];
  let scanned = 0, skipped = 0;
  const pending: Array<Promise<string | undefined>> = [];
  const startRead = (i: number): void => {
    if (i < files.length) pending[i] = files[i].read().then((t) => t, () => undefined);
  };
  if (options.isCancelled?.()) return { files: [], scanned, skipped, cancelled: true };
  for (let i = 0; i < Math.min(readAhead, files.length); i++) startRead(i);
  let sliceStart = now();
  for (let i = 0; i < files.length; i++) {
    if (options.isCancelled?.()) return { files: sortByPath(out), scanned, skipped, cancelled: true };
    const text = await pending[i];
    delete pending[i];
    startRead(i + readAhead);
    const file = files[i];
    if (text === undefined) {
      skipped++;
    } else {
      const result = await Promise.resolve()
        .then(() => (options.analyzeFile ?? analyzeInThread)(file.path, text, options.analyze ?? {}))
        .catch(() => undefined);
      if (!result || result.skipped) skipped++;
      else scanned++;
      if (result?.findings.length) out.push({ path: file.path, findings: result.findings });
    }
    options.onProgress?.(i + 1, files.length);
    if (now() - sliceStart >= sliceMs) {
      await yieldToLoop();
      sliceStart = now();
    }
  }
  return { files: sortByPath(out), scanned, skipped, cancelled: false };
}

/** The default analysis: the pure analyzer on this thread, loaded on first use (not at activation). */
async function analyzeInThread(path: string, text: string, options: Omit<AnalyzeOptions, 'language'>): Promise<AnalysisResult> {
  const { analyzeFile } = await import('../../core/analyzer/index');
  return analyzeFile(path, text, options);
}

/** Files sorted by path, findings of each by position (notebook cells first by cell). */
export function sortByPath(files: FileFindings[]): FileFindings[] {
  for (const f of files) f.findings.sort(compareFindings);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function compareFindings(a: Finding, b: Finding): number {
  return (a.cell ?? 0) - (b.cell ?? 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Replaces (or removes, when it has no findings any more) one file's entry; keeps the order. */
export function replaceFile(files: readonly FileFindings[], path: string, findings: Finding[]): FileFindings[] {
  const rest = files.filter((f) => f.path !== path);
  return findings.length ? sortByPath([...rest, { path, findings: [...findings] }]) : rest;
}

/** True when the analyzer reads files with this path's extension (declaration files excepted). */
export function isScannable(path: string): boolean {
  return documentKindForPath(path) !== undefined && !/\.d\.[cm]?ts$/i.test(path);
}

/** A glob compiled for matching '/'-separated paths. */
export type CompiledGlob = RegExp;

/**
 * Compiles a glob with the syntax VS Code settings use: `**` (any folders), `*` and `?` (within a
 * path segment), `{a,b}` groups (nested too) and `[...]` ranges. Matches the whole path.
 */
export function compileGlob(glob: string): CompiledGlob {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // '**/' matches zero or more folders; a trailing '**' matches anything below.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) {
      re += '|';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) {
        re += '\\[';
      } else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else {
      re += c.replace(/[.+^$()|\\/]/g, '\\$&');
    }
  }
  while (depth-- > 0) re += ')';
  return new RegExp(`^${re}$`);
}

/** The patterns a scan leaves out, compiled once per scan. */
export class ExcludeMatcher {
  private readonly globs: CompiledGlob[];

  /** `filesExclude` is the files.exclude setting (only `true` entries count); `patterns` the analysis exclude globs. */
  constructor(filesExclude: Readonly<Record<string, unknown>> | undefined, patterns: readonly string[]) {
    const fromSetting = Object.entries(filesExclude ?? {}).filter(([, v]) => v === true).map(([k]) => k);
    this.globs = [...ALWAYS_EXCLUDED, ...fromSetting, ...patterns].filter((g) => g.trim() !== '').map(compileGlob);
  }

  /**
   * True when the file (its path relative to its workspace folder, and its absolute path) or one of
   * its folders matches a pattern: excluding a folder excludes what it holds.
   */
  matches(relativePath: string, absolutePath?: string): boolean {
    for (const path of absolutePath ? [relativePath, absolutePath] : [relativePath]) {
      const parts = path.split('/');
      for (let n = parts.length; n >= 1; n--) {
        const prefix = parts.slice(0, n).join('/');
        if (prefix && this.globs.some((g) => g.test(prefix))) return true;
      }
    }
    return false;
  }
}

/**
 * A single exclude glob for the file search (an optimization: whatever it misses the matcher
 * filters afterwards). Patterns with groups are left to the matcher, as search globs cannot nest them.
 */
export function searchExcludeGlob(filesExclude: Readonly<Record<string, unknown>> | undefined, patterns: readonly string[]): string {
  const all = [...ALWAYS_EXCLUDED, ...Object.entries(filesExclude ?? {}).filter(([, v]) => v === true).map(([k]) => k), ...patterns]
    .filter((g) => g.trim() !== '' && !/[{},]/.test(g));
  return `{${[...new Set(all)].join(',')}}`;
}
