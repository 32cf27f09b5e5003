// Serves an analyzer request with the pure analyzer: in the analyzer worker, or in-thread as the
// host's fallback (imported lazily there, so activation does not load the parsers).
import { analyze, analyzeCells, analyzeFile, type AnalysisResult, type AnalyzeOptions } from '../core/analyzer/index';
import type { SessionStore } from '../core/analyzer/sessions';
import type { AnalyzeRequest } from './analyzerProtocol';

/** The analysis of one request's input; a version of a named document goes through its session in `sessions`. */
export function runAnalysis(input: AnalyzeRequest['input'], options: AnalyzeOptions, sessions?: SessionStore): AnalysisResult {
  switch (input.kind) {
    case 'text': return input.document !== undefined && sessions ? sessions.analyze(input.document, input.text, options) : analyze(input.text, options);
    case 'cells': return analyzeCells(input.cells, options);
    case 'file': return analyzeFile(input.path, input.text, options);
  }
}
