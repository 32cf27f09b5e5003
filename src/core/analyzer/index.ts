// Public API of the initializer analyzer. Pure: no vscode, no Node built-ins; never executes or
// imports user code; never throws. Parsing uses Lezer (see parse.ts for why).
import { runEngine, type EngineOptions } from './engine';
import type { AnalysisResult, SourceLanguage } from './findings';
import { DEFAULT_MAX_CHARS, documentKindForPath, type AnalyzeOptions } from './languages';
import { cellUnits, readNotebook, type NotebookCell } from './notebook';
import { ChunkCache } from './chunkCache';
import { parseTree, type PreviousParse } from './parse';

export type {
  Activation,
  AnalysisResult,
  Finding,
  Fix,
  Framework,
  InitKind,
  ReplacementInit,
  RuleCode,
  Severity,
  SkipReason,
  SourceLanguage,
  SourcePosition,
  SourceRange,
  TextEdit,
  VisualizeRequest,
} from './findings';
export { DEFAULT_SEVERITY, FRAMEWORKS, RULE_CODES, RULE_TITLES, docPathFor } from './findings';
export { DEFAULT_MAX_CHARS, documentKindForPath, languageForLanguageId } from './languages';
export type { AnalyzeOptions, DocumentKind } from './languages';
export { ignoreComment } from './fixes';
export type { NotebookCell } from './notebook';

function engineOptions(o: AnalyzeOptions): EngineOptions {
  return { frameworks: o.frameworks, severity: o.severity, disabledRules: o.disabledRules };
}

function tooLarge(size: number, max: number): AnalysisResult {
  return { findings: [], skipped: { reason: 'tooLarge', detail: `input has ${size} characters, more than the limit of ${max}` } };
}

function guarded(run: () => AnalysisResult): AnalysisResult {
  try {
    return run();
  } catch (err) {
    // Defensive: the analyzer must never throw at its callers; an internal failure reports nothing.
    return { findings: [], skipped: { reason: 'unsupportedLanguage', detail: `internal analyzer error: ${String(err)}` } };
  }
}

/** Analyzes one source text (a .py file or one JS/TS file). Never throws; never executes the code. */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  return guarded(() => {
    const max = options.maxChars ?? DEFAULT_MAX_CHARS;
    if (typeof text !== 'string') return { findings: [] };
    if (text.length > max) return tooLarge(text.length, max);
    return { findings: runEngine([{ text, language: options.language ?? 'python' }], engineOptions(options)) };
  });
}

/** Analyzes code cells together (imports shared across cells); findings carry `cell` and cell-relative ranges. */
export function analyzeCells(cells: readonly NotebookCell[], options: AnalyzeOptions = {}): AnalysisResult {
  return guarded(() => {
    const max = options.maxChars ?? DEFAULT_MAX_CHARS;
    const size = cells.reduce((n, c) => n + c.text.length, 0);
    if (size > max) return tooLarge(size, max);
    return { findings: runEngine(cellUnits(cells, options.language ?? 'python'), engineOptions(options)) };
  });
}

/** Analyzes a .ipynb file's JSON text: each code cell on its own positions. Never throws. */
export function analyzeNotebook(json: string, options: AnalyzeOptions = {}): AnalysisResult {
  return guarded(() => {
    const max = options.maxChars ?? DEFAULT_MAX_CHARS;
    if (json.length > max) return tooLarge(json.length, max);
    const nb = readNotebook(json);
    if (!nb.ok) return { findings: [], skipped: { reason: 'invalidNotebook', detail: nb.reason } };
    return analyzeCells(nb.cells, { ...options, language: nb.language, maxChars: max });
  });
}

/** Analyzes a file's text by its path's extension (.py, .ipynb, JS/TS); unknown extensions are skipped. */
export function analyzeFile(path: string, text: string, options: Omit<AnalyzeOptions, 'language'> = {}): AnalysisResult {
  const kind = documentKindForPath(path);
  if (kind === undefined) return { findings: [], skipped: { reason: 'unsupportedLanguage', detail: `not a Python, notebook or JS/TS file: ${path}` } };
  return kind === 'notebook' ? analyzeNotebook(text, options) : analyze(text, { ...options, language: kind });
}

/**
 * Analyzes successive versions of one document (a .py or JS/TS file) cheaply while the user types:
 * Python reuses what was read from the top-level statements whose text did not change (an edit
 * reads the chunk it touches; the others are moved to their new offsets); JS/TS reuses the previous
 * tree through Lezer's incremental parsing. Never throws.
 */
export class AnalysisSession {
  private previous: PreviousParse | undefined;
  private chunks = new ChunkCache();
  private language: SourceLanguage;

  constructor(private readonly options: AnalyzeOptions = {}) {
    this.language = options.language ?? 'python';
  }

  /**
   * Analyzes the document's current text (the whole text; what changed is found by comparing).
   * `options` (the settings of this request) replace the session's; another language starts afresh.
   */
  analyze(text: string, options: AnalyzeOptions = this.options): AnalysisResult {
    return guarded(() => {
      if (options.language && options.language !== this.language) this.reset(options.language);
      const max = options.maxChars ?? DEFAULT_MAX_CHARS;
      if (text.length > max) {
        this.reset();
        return tooLarge(text.length, max);
      }
      if (this.language === 'python') {
        try {
          return { findings: runEngine([{ text, language: 'python', chunks: this.chunks }], engineOptions(options)) };
        } finally {
          this.chunks.commit();
        }
      }
      const tree = parseTree(text, this.language, this.previous);
      this.previous = { text, tree };
      return { findings: runEngine([{ text, language: this.language, tree }], engineOptions(options)) };
    });
  }

  /** Forgets what was kept (e.g. when the document's language changes). */
  reset(language?: SourceLanguage): void {
    this.previous = undefined;
    this.chunks = new ChunkCache();
    if (language) this.language = language;
  }
}
