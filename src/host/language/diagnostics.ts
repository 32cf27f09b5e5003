import * as vscode from 'vscode';
import type { AnalyzeOptions, Finding } from '../../core/analyzer';
import { Disposable } from '../disposable';
import { AnalysisCache } from './analysisCache';
import { toRange, toSeverity } from './convert';
import { FindingStore } from './findingStore';
import { ruleDocUri } from './ruleDocs';
import type { AnalyzerClient } from './analyzerClient';
import { analyzeTarget, type TargetAnalysis } from './runner';
import { analyzeOptions, isExcluded, type SettingsWatcher } from './settings';
import { notebookTarget, representativeDocument, targetFor, targetName, targetSize, targetVersions, type AnalysisTarget } from './targets';

/** The `source` of every diagnostic, shown in the Problems view and the hover. */
export const DIAGNOSTIC_SOURCE = 'Visualize Init';

/** The diagnostic of one finding: source, rule code linking its doc page, and the initializer call's range. */
export function toDiagnostic(finding: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(finding.range), finding.message, toSeverity(finding.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: finding.code, target: ruleDocUri(extensionUri, finding.code) };
  return d;
}

/**
 * Keeps diagnostics in step with open Python files, notebooks and TF.js files: analyzes after a
 * debounce, drops results that a newer edit made stale (per-target generation counter), clears a
 * document's diagnostics when it closes, and re-runs everything when the settings change. Hovers and
 * quick fixes share its analyses: one per document version, whoever asks first.
 */
export class DiagnosticsController extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('visualizeInit'));
  private readonly store = new FindingStore();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();
  /** Document URIs that carry diagnostics, per target (a notebook's cells come and go). */
  private readonly published = new Map<string, Set<string>>();
  /** Targets already told that they are too large for as-you-type analysis. */
  private readonly toldTooLarge = new Set<string>();
  /** Targets with an analysis in flight, and those edited meanwhile (analyzed again when it ends). */
  private readonly inFlight = new Set<string>();
  private readonly rerun = new Map<string, AnalysisTarget>();
  /** The latest analysis per target, finished or in flight, keyed by the versions and options it read. */
  private readonly analyses = new AnalysisCache<TargetAnalysis>((a) => a.failed === true);

  constructor(
    private readonly settings: SettingsWatcher,
    private readonly client: AnalyzerClient,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.documentChanged(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) this.documentChanged(e.document, this.settings.settings.debounceMs);
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.documentClosed(d)));
    this._register(vscode.workspace.onDidOpenNotebookDocument((nb) => this.schedule(notebookTarget(nb), 0)));
    this._register(vscode.workspace.onDidChangeNotebookDocument((e) => {
      if (e.contentChanges.length > 0 || e.cellChanges.some((c) => c.document !== undefined)) this.schedule(notebookTarget(e.notebook), this.settings.settings.debounceMs);
    }));
    this._register(vscode.workspace.onDidCloseNotebookDocument((nb) => this.forget(nb.uri.toString())));
    this._register(settings.onDidChange(() => this.analyzeAllOpen()));
    this._register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    this.analyzeAllOpen();
  }

  /** Re-analyzes every open document now (start-up, settings changed). */
  analyzeAllOpen(): void {
    const seen = new Set<string>();
    for (const nb of vscode.workspace.notebookDocuments) {
      seen.add(nb.uri.toString());
      this.schedule(notebookTarget(nb), 0);
    }
    for (const d of vscode.workspace.textDocuments) {
      const target = targetFor(d);
      if (target && !seen.has(target.key)) {
        seen.add(target.key);
        this.schedule(target, 0);
      }
    }
  }

  /**
   * The findings for the document's current version: the recorded ones, else those of the analysis of
   * this version already in flight, else (when `compute` is set and as-you-type analysis applies to the
   * document) those of an analysis started now and shared with the debounced run. Undefined when there
   * are none to give, or when the document changed again before they were ready.
   */
  async findingsFor(document: vscode.TextDocument, compute: boolean): Promise<Finding[] | undefined> {
    const recorded = this.store.fresh(document);
    if (recorded) return recorded;
    const target = targetFor(document);
    if (!target || !this.applies(target)) return undefined;
    const options = this.options();
    const pending = compute ? this.analysisOf(target, options) : this.analyses.peek(target.key, signature(target, options));
    if (!pending) return undefined;
    const analysis = await pending;
    const key = document.uri.toString();
    const entry = analysis.documents.find((e) => e.document.uri.toString() === key);
    // Typed on meanwhile: these findings describe text that is gone.
    return entry && !document.isClosed && entry.version === document.version ? entry.findings : undefined;
  }

  /** Options of as-you-type analysis under the current settings. */
  private options(): AnalyzeOptions {
    return analyzeOptions(this.settings.settings, this.settings.settings.maxFileSize);
  }

  /** The analysis of the target as it is now: the one started for these versions and options, else a new one. */
  private analysisOf(target: AnalysisTarget, options: AnalyzeOptions): Promise<TargetAnalysis> {
    return this.analyses.get(target.key, signature(target, options), () => analyzeTarget(target, options, this.client, this.log));
  }

  private documentChanged(document: vscode.TextDocument, delay: number): void {
    const target = targetFor(document);
    if (target) this.schedule(target, delay);
  }

  private documentClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.collection.delete(document.uri);
    this.store.delete(document.uri);
    this.analyses.delete(key);
    this.client.forget(key);
    if (this.published.has(key)) this.forget(key);
  }

  /** Cancels pending work of a target and removes its diagnostics. */
  private forget(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    for (const uri of this.published.get(key) ?? []) {
      this.collection.delete(vscode.Uri.parse(uri));
      this.store.delete(vscode.Uri.parse(uri));
    }
    this.published.delete(key);
    this.toldTooLarge.delete(key);
    this.rerun.delete(key);
    this.analyses.delete(key);
  }

  /** Whether as-you-type analysis covers this target (enabled, not excluded, not too large). */
  private applies(target: AnalysisTarget): boolean {
    const s = this.settings.settings;
    const doc = representativeDocument(target);
    return s.enabled && doc !== undefined && !isExcluded(s, doc) && targetSize(target) <= s.maxFileSize;
  }

  private schedule(target: AnalysisTarget | undefined, delay: number): void {
    if (!target) return;
    const generation = (this.generations.get(target.key) ?? 0) + 1;
    this.generations.set(target.key, generation);
    clearTimeout(this.timers.get(target.key));
    this.timers.set(target.key, setTimeout(() => {
      this.timers.delete(target.key);
      void this.run(target, generation);
    }, delay));
  }

  private async run(target: AnalysisTarget, generation: number): Promise<void> {
    if (this.isDisposed || this.generations.get(target.key) !== generation) return;
    if (this.inFlight.has(target.key)) {
      // One analysis per target at a time: edits made meanwhile are analyzed once it is done.
      this.rerun.set(target.key, target);
      return;
    }
    const s = this.settings.settings;
    const doc = representativeDocument(target);
    if (!s.enabled || doc === undefined || isExcluded(s, doc)) {
      this.publish(target.key, undefined);
      return;
    }
    const size = targetSize(target);
    if (size > s.maxFileSize) {
      this.publish(target.key, undefined);
      this.tellTooLarge(target, size);
      return;
    }
    this.inFlight.add(target.key);
    let analysis: TargetAnalysis;
    try {
      analysis = await this.analysisOf(target, this.options());
    } finally {
      this.inFlight.delete(target.key);
    }
    const again = this.rerun.get(target.key);
    if (again) {
      this.rerun.delete(target.key);
      this.schedule(again, 0);
    }
    // A newer edit (or a close) happened meanwhile: its own run publishes; these results are stale.
    if (this.isDisposed || this.generations.get(target.key) !== generation) return;
    if (analysis.documents.some((d) => d.document.isClosed || d.document.version !== d.version)) return;
    this.publish(target.key, analysis);
  }

  /** Replaces a target's diagnostics by the analysis (or removes them when `analysis` is undefined). */
  private publish(key: string, analysis: TargetAnalysis | undefined): void {
    if (analysis?.failed) return; // keep what was shown; the failure is in the log
    const before = this.published.get(key) ?? new Set<string>();
    const now = new Set<string>();
    for (const entry of analysis?.documents ?? []) {
      const uri = entry.document.uri;
      now.add(uri.toString());
      this.store.set(entry);
      this.collection.set(uri, entry.findings.map((f) => toDiagnostic(f, this.extensionUri)));
    }
    for (const uri of before) {
      if (now.has(uri)) continue;
      this.collection.delete(vscode.Uri.parse(uri));
      this.store.delete(vscode.Uri.parse(uri));
    }
    if (now.size > 0) this.published.set(key, now);
    else this.published.delete(key);
  }

  private tellTooLarge(target: AnalysisTarget, size: number): void {
    if (this.toldTooLarge.has(target.key)) return;
    this.toldTooLarge.add(target.key);
    const limit = this.settings.settings.maxFileSize;
    this.log.info(`${target.key}: ${size} characters, more than visualizeInit.analysis.maxFileSize (${limit}); not analyzed as you type`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} is too large to analyze as you type ({1} characters, limit {2}). Run "Analyze Initializers in Current File" to analyze it once.', targetName(target), size, limit),
    );
  }
}

/** What an analysis of the target reads: its documents' versions and the options. */
function signature(target: AnalysisTarget, options: AnalyzeOptions): string {
  return `${JSON.stringify(options)}\n${targetVersions(target)}`;
}
