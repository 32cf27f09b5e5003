// The parser-free part of the analyzer's API: options, size cap and which files and languages it reads.
// Kept apart from index.ts so the extension host can use it without loading the parsers (Lezer's
// grammars are sizeable to evaluate); the analysis itself runs in the analyzer's worker.
import type { Framework, RuleCode, Severity, SourceLanguage } from './findings';

/** Inputs longer than this many UTF-16 units are skipped with reason 'tooLarge' (default 4 MB of text). */
export const DEFAULT_MAX_CHARS = 4_000_000;

/** Options for analyze(), analyzeNotebook() and analyzeCells(). */
export interface AnalyzeOptions {
  /** Language of the text; default 'python'. */
  language?: SourceLanguage;
  /** Report only these frameworks (default: all). */
  frameworks?: readonly Framework[];
  /** Severity overrides per rule. */
  severity?: Partial<Record<RuleCode, Severity>>;
  /** Rules not to report. */
  disabledRules?: readonly RuleCode[];
  /** Size cap in UTF-16 code units; larger inputs are skipped (default DEFAULT_MAX_CHARS). */
  maxChars?: number;
}

/** The kinds of files the analyzer reads. */
export type DocumentKind = SourceLanguage | 'notebook';

/** The document kind of a file path by extension (.py, .ipynb, .js/.mjs/.cjs, .jsx, .ts/.mts/.cts, .tsx), or undefined. */
export function documentKindForPath(path: string): DocumentKind | undefined {
  const dot = path.lastIndexOf('.');
  const ext = dot >= 0 ? path.slice(dot + 1).toLowerCase() : '';
  switch (ext) {
    case 'py':
    case 'pyi':
      return 'python';
    case 'ipynb':
      return 'notebook';
    case 'js':
    case 'mjs':
    case 'cjs':
      return 'javascript';
    case 'jsx':
      return 'jsx';
    case 'ts':
    case 'mts':
    case 'cts':
      return 'typescript';
    case 'tsx':
      return 'tsx';
    default:
      return undefined;
  }
}

/** The language for a VS Code languageId ('python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact'), or undefined. */
export function languageForLanguageId(languageId: string): SourceLanguage | undefined {
  switch (languageId) {
    case 'python':
      return 'python';
    case 'javascript':
      return 'javascript';
    case 'typescript':
      return 'typescript';
    case 'javascriptreact':
      return 'jsx';
    case 'typescriptreact':
      return 'tsx';
    default:
      return undefined;
  }
}
