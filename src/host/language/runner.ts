import * as vscode from 'vscode';
import { analyze, analyzeCells, type AnalysisResult, type AnalyzeOptions, type Finding } from '../../core/analyzer';
import type { AnalysisTarget } from './targets';

/** The findings of one document (a file, or one notebook cell with cell-relative ranges) at one version. */
export interface DocumentFindings {
  document: vscode.TextDocument;
  version: number;
  findings: Finding[];
}

/** The outcome of analyzing one target. */
export interface TargetAnalysis {
  /** One entry per document of the target, with an empty list where nothing was found. */
  documents: DocumentFindings[];
  /** Why the target was not analyzed, if it was not. */
  skipped?: { reason: string; detail: string };
  /** True when the analyzer failed (logged); `documents` is then empty. */
  failed?: boolean;
  elapsedMs: number;
}

/** JS/TS files that never mention TensorFlow.js are not parsed at all (cheap test, most JS files). */
function mayUseTfjs(text: string): boolean {
  return text.includes('@tensorflow/tfjs') || /\btf\s*\./.test(text);
}

/** Analyzes a target now; never throws (analyzer failures are logged and reported as `failed`). */
export function analyzeTarget(target: AnalysisTarget, options: AnalyzeOptions, log: vscode.LogOutputChannel): TargetAnalysis {
  const started = performance.now();
  const docs = target.kind === 'text' ? [target.document] : target.cells.map((c) => c.document);
  const documents: DocumentFindings[] = docs.map((document) => ({ document, version: document.version, findings: [] }));
  try {
    let result: AnalysisResult;
    if (target.kind === 'text') {
      const text = target.document.getText();
      result = target.language !== 'python' && !mayUseTfjs(text) ? { findings: [] } : analyze(text, { ...options, language: target.language });
      documents[0].findings = result.findings;
    } else {
      result = analyzeCells(target.cells.map((c, i) => ({ index: i, text: c.document.getText() })), { ...options, language: 'python' });
      for (const f of result.findings) if (f.cell !== undefined && documents[f.cell]) documents[f.cell].findings.push(f);
    }
    const elapsedMs = performance.now() - started;
    log.trace(`analyzed ${target.key} in ${elapsedMs.toFixed(1)} ms: ${result.findings.length} finding(s)${result.skipped ? `, skipped (${result.skipped.detail})` : ''}`);
    return { documents, skipped: result.skipped, elapsedMs };
  } catch (err) {
    log.error(`the initializer analyzer failed on ${target.key}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return { documents: [], failed: true, elapsedMs: performance.now() - started };
  }
}
