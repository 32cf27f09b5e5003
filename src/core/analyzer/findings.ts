// The Finding type: what the analyzer reports, in a shape the editor, the CLI and the panel share.

/** Stable rule codes; each has a page at docs/rules/<code>.md. */
export type RuleCode = 'VI001' | 'VI002' | 'VI003' | 'VI004' | 'VI005';

/** Every rule code, in order (for settings, SARIF rule tables and docs). */
export const RULE_CODES: readonly RuleCode[] = ['VI001', 'VI002', 'VI003', 'VI004', 'VI005'];

/** Severity names map 1:1 to vscode.DiagnosticSeverity and to SARIF levels. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** The framework whose idiom the flagged code is written in (fixes use the same idiom). */
export type Framework = 'numpy' | 'pytorch' | 'keras' | 'tensorflow' | 'jax' | 'flax' | 'haiku' | 'equinox' | 'tfjs';

/** Every framework, in order. */
export const FRAMEWORKS: readonly Framework[] = ['numpy', 'pytorch', 'keras', 'tensorflow', 'jax', 'flax', 'haiku', 'equinox', 'tfjs'];

/** Source languages the analyzer parses. */
export type SourceLanguage = 'python' | 'javascript' | 'typescript' | 'jsx' | 'tsx';

/** A place in the text: 0-based line and UTF-16 character (as in vscode.Position) plus the 0-based UTF-16 offset. */
export interface SourcePosition {
  line: number;
  character: number;
  offset: number;
}

/** A half-open range [start, end) in the analyzed text (or in the notebook cell, see Finding.cell). */
export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

/** Replace the text in `range` by `newText` (insertion when the range is empty). */
export interface TextEdit {
  range: SourceRange;
  newText: string;
}

/** Named initializers a replacement fix can install (names follow core/trainer). */
export type ReplacementInit = 'kaimingNormal' | 'xavierUniform';

/** Activation family the analyzer inferred for the flagged layer; decides He vs Xavier. */
export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear' | 'unknown';

/** One quick fix: a title for the menu and the edits to apply (all in the same document/cell). */
export interface Fix {
  title: string;
  kind: 'replace' | 'ignore';
  /** Set for 'replace' fixes: which initializer the edit installs. */
  initializer?: ReplacementInit;
  /** True on the fix the analyzer recommends for this finding (at most one). */
  preferred: boolean;
  edits: TextEdit[];
}

/** What is wrong, as the "Visualize this initializer" link needs it to configure the panel. */
export type InitKind = 'zeros' | 'ones' | 'constant' | 'copiedRows' | 'degenerateRandom' | 'uninitialized';

/** Arguments for the panel: the initializer to show and, where known, the layer sizes. */
export interface VisualizeRequest {
  kind: InitKind;
  /** The constant every weight starts at (0 for zeros, 1 for ones), when readable. */
  value?: number;
  /** [fanIn, units] when both are readable. */
  layerSizes?: number[];
  activation: Activation;
}

/** One flagged initializer. */
export interface Finding {
  code: RuleCode;
  severity: Severity;
  /** One sentence, plain text, about this layer (no markdown). */
  message: string;
  framework: Framework;
  /** The initializer expression (the call, or the string/attribute passed as initializer). */
  range: SourceRange;
  /** The whole statement the initializer is part of (for "ignore" placement and context). */
  statementRange: SourceRange;
  /** Source text of the initialized thing when known: 'W1', 'self.fc.weight', 'kernel_initializer'. */
  target?: string;
  /** Readable dimensions of the weight, e.g. [784, 128] from np.zeros((784, 128)). */
  shape?: number[];
  /** The constant every weight starts at, when readable (0, 1, 0.5). */
  value?: number;
  /** Number of units (neurons) of the layer when known. */
  units?: number;
  /** Inputs per unit when known. */
  fanIn?: number;
  activation: Activation;
  /** Replacement fixes first (preferred one marked), then the ignore-comment fix. */
  fixes: Fix[];
  visualize: VisualizeRequest;
  /** The rule's documentation page, relative to the package (and to this repository). */
  docPath: string;
  /** Index of the notebook cell (among all cells of the .ipynb, code or not) when analyzing a notebook; positions are then cell-relative. */
  cell?: number;
}

/** Why an input was not analyzed (the result then has no findings). */
export type SkipReason = 'tooLarge' | 'invalidNotebook' | 'unsupportedLanguage';

/** Result of analyzing one document. */
export interface AnalysisResult {
  findings: Finding[];
  /** Present when the input was skipped as a whole. */
  skipped?: { reason: SkipReason; detail: string };
}

/** Where a rule's documentation page is, relative to the package (and to this repository). */
export function docPathFor(code: RuleCode): string {
  return `docs/rules/${code}.md`;
}

/** Default severity per rule. */
export const DEFAULT_SEVERITY: Readonly<Record<RuleCode, Severity>> = {
  VI001: 'warning',
  VI002: 'warning',
  VI003: 'warning',
  VI004: 'error',
  VI005: 'warning',
};

/** Short rule titles (SARIF shortDescription, quick-pick labels). */
export const RULE_TITLES: Readonly<Record<RuleCode, string>> = {
  VI001: 'Constant weight initialization',
  VI002: 'Copied (tiled) weight rows',
  VI003: 'Degenerate random draw',
  VI004: 'ReLU zero trap / stacked zero layers',
  VI005: 'Uninitialized weight memory',
};
