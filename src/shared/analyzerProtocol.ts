// Messages between the extension host (language/analyzerClient.ts) and the analyzer worker. Both
// sides are our own bundles, so only the shape is checked (the worker answers `error` to junk).
import type { AnalysisResult, AnalyzeOptions, NotebookCell } from '../core/analyzer/index';

/** Bumped whenever a message changes shape. */
export const ANALYZER_PROTOCOL_VERSION = 2;

/**
 * Analyze one source text, notebook cells together, or a file's contents (its path picks the language).
 * A text may name the `document` it is a version of: the worker then reuses what it read from the last one.
 */
export interface AnalyzeRequest {
  type: 'analyze';
  id: number;
  input: { kind: 'text'; text: string; document?: string } | { kind: 'cells'; cells: NotebookCell[] } | { kind: 'file'; path: string; text: string };
  options: AnalyzeOptions;
}

/** The analyzer's result for request `id`. */
export interface AnalyzeReply {
  type: 'result';
  id: number;
  result: AnalysisResult;
  /** Time the analysis took in the worker. */
  elapsedMs: number;
}

/** Request `id` could not be served (malformed request or an analyzer failure). */
export interface AnalyzeError {
  type: 'error';
  id: number;
  message: string;
}

/** The document closed: the worker drops what it kept of it (no reply). */
export interface ForgetDocument {
  type: 'forget';
  document: string;
}

/** Host -> worker. */
export type ToAnalyzerMessage = AnalyzeRequest | ForgetDocument;

/** Worker -> host. */
export type FromAnalyzerMessage = AnalyzeReply | AnalyzeError;

/** True when `m` looks like an AnalyzeRequest. */
export function isAnalyzeRequest(m: unknown): m is AnalyzeRequest {
  if (!m || typeof m !== 'object') return false;
  const r = m as Partial<AnalyzeRequest>;
  if (r.type !== 'analyze' || typeof r.id !== 'number' || !r.input || typeof r.options !== 'object' || r.options === null) return false;
  switch (r.input.kind) {
    case 'text': return typeof r.input.text === 'string' && (r.input.document === undefined || typeof r.input.document === 'string');
    case 'cells': return Array.isArray(r.input.cells);
    case 'file': return typeof r.input.path === 'string' && typeof r.input.text === 'string';
    default: return false;
  }
}

/** True when `m` looks like a ForgetDocument message. */
export function isForgetDocument(m: unknown): m is ForgetDocument {
  return !!m && typeof m === 'object' && (m as Partial<ForgetDocument>).type === 'forget' && typeof (m as Partial<ForgetDocument>).document === 'string';
}

/** True when `m` looks like a reply of the analyzer worker. */
export function isFromAnalyzer(m: unknown): m is FromAnalyzerMessage {
  if (!m || typeof m !== 'object') return false;
  const r = m as { type?: unknown; id?: unknown; result?: { findings?: unknown }; message?: unknown };
  if (typeof r.id !== 'number') return false;
  return r.type === 'result' ? Array.isArray(r.result?.findings) : r.type === 'error' && typeof r.message === 'string';
}

