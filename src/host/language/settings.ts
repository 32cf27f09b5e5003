import * as vscode from 'vscode';
import type { AnalyzeOptions, Framework, RuleCode, Severity } from '../../core/analyzer';
import { DEFAULT_SEVERITY, FRAMEWORKS, RULE_CODES } from '../../core/analyzer/findings';

/** The configuration section of the analysis settings (`visualizeInit.analysis.*`). */
export const SETTINGS_SECTION = 'visualizeInit.analysis';

/** A rule's configured severity; 'off' disables the rule. */
export type RuleSetting = Severity | 'off';

/** The analysis settings, read once per change of configuration. */
export interface AnalysisSettings {
  /** Diagnostics, hovers and quick fixes as the user types (the palette command works regardless). */
  enabled: boolean;
  severity: Record<RuleCode, RuleSetting>;
  frameworks: readonly Framework[];
  /** Glob patterns of files not to analyze as the user types. */
  exclude: readonly string[];
  /** Milliseconds between the last keystroke and the analysis. */
  debounceMs: number;
  /** Documents longer than this many characters are not analyzed as the user types. */
  maxFileSize: number;
}

/** Default of `visualizeInit.analysis.debounceDelay` (also in package.json). */
export const DEFAULT_DEBOUNCE_MS = 300;

/** Default of `visualizeInit.analysis.maxFileSize` (also in package.json): about 15,000 lines of Python. */
export const DEFAULT_MAX_FILE_SIZE = 300_000;

const SEVERITIES: readonly RuleSetting[] = ['error', 'warning', 'information', 'hint', 'off'];

function clamp(n: unknown, min: number, max: number, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** Reads the settings, replacing invalid values by their defaults. */
export function readSettings(config: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration(SETTINGS_SECTION)): AnalysisSettings {
  const severityIn = config.get<Record<string, unknown>>('severity') ?? {};
  const severity = { ...DEFAULT_SEVERITY } as Record<RuleCode, RuleSetting>;
  for (const code of RULE_CODES) {
    const s = severityIn[code];
    if (typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s)) severity[code] = s as RuleSetting;
  }
  const frameworksIn = config.get<unknown>('frameworks');
  const frameworks = Array.isArray(frameworksIn) ? FRAMEWORKS.filter((f) => frameworksIn.includes(f)) : FRAMEWORKS;
  const excludeIn = config.get<unknown>('exclude');
  const exclude = Array.isArray(excludeIn) ? excludeIn.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
  return {
    enabled: config.get<boolean>('enabled') !== false,
    severity,
    frameworks,
    exclude,
    debounceMs: clamp(config.get('debounceDelay'), 0, 10_000, DEFAULT_DEBOUNCE_MS),
    maxFileSize: clamp(config.get('maxFileSize'), 1_000, 10_000_000, DEFAULT_MAX_FILE_SIZE),
  };
}

/** The analyzer options these settings ask for; `maxChars` caps the input size. */
export function analyzeOptions(settings: AnalysisSettings, maxChars: number): AnalyzeOptions {
  const severity: Partial<Record<RuleCode, Severity>> = {};
  const disabledRules: RuleCode[] = [];
  for (const code of RULE_CODES) {
    const s = settings.severity[code];
    if (s === 'off') disabledRules.push(code);
    else severity[code] = s;
  }
  return { frameworks: settings.frameworks, severity, disabledRules, maxChars };
}

/** True when `uri` matches one of the exclude globs (absolute, or relative to its workspace folder). */
export function isExcluded(settings: AnalysisSettings, document: vscode.TextDocument): boolean {
  if (settings.exclude.length === 0) return false;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  return settings.exclude.some((glob) =>
    vscode.languages.match({ pattern: glob }, document) > 0
    || (folder !== undefined && vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0));
}

/** Holds the current settings and tells listeners when `visualizeInit.analysis.*` changes. */
export class SettingsWatcher implements vscode.Disposable {
  private current = readSettings();
  private readonly emitter = new vscode.EventEmitter<AnalysisSettings>();
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
    this.current = readSettings();
    this.emitter.fire(this.current);
  });

  /** Fires with the new settings after the user changed one. */
  readonly onDidChange = this.emitter.event;

  /** The settings as they are now. */
  get settings(): AnalysisSettings {
    return this.current;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
