import * as vscode from 'vscode';
import type { AnalyzeOptions, Finding } from '../../core/analyzer';
import type { AnalyzerClient } from './analyzerClient';
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

/**
 * Analyzes a target as it is now (texts and versions are taken before the first await, so callers can
 * tell stale results by comparing versions). Never rejects: failures are logged and reported as `failed`.
 */
export async function analyzeTarget(target: AnalysisTarget, options: AnalyzeOptions, client: AnalyzerClient, log: vscode.LogOutputChannel): Promise<TargetAnalysis> {
  const docs = target.kind === 'text' ? [target.document] : target.cells.map((c) => c.document);
  const documents: DocumentFindings[] = docs.map((document) => ({ document, version: document.version, findings: [] }));
  try {
    if (target.kind === 'text') {
      const text = target.document.getText();
      if (target.language !== 'python' && !mayUseTfjs(text)) return { documents, elapsedMs: 0 };
      const { result, elapsedMs } = await client.analyze({ kind: 'text', text, document: target.document.uri.toString() }, { ...options, language: target.language });
      documents[0].findings = result.findings;
      log.trace(`analyzed ${target.key} in ${elapsedMs.toFixed(1)} ms: ${result.findings.length} finding(s)`);
      return { documents, skipped: result.skipped, elapsedMs };
    }
    const cells = target.cells.map((c, i) => ({ index: i, text: c.document.getText() }));
    const { result, elapsedMs } = await client.analyze({ kind: 'cells', cells }, { ...options, language: 'python' });
    for (const f of result.findings) if (f.cell !== undefined && documents[f.cell]) documents[f.cell].findings.push(f);
    log.trace(`analyzed ${target.key} (${cells.length} cells) in ${elapsedMs.toFixed(1)} ms: ${result.findings.length} finding(s)`);
    return { documents, skipped: result.skipped, elapsedMs };
  } catch (err) {
    log.error(`the initializer analyzer failed on ${target.key}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return { documents: [], failed: true, elapsedMs: 0 };
  }
}
