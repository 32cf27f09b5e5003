// worker_threads entry of the initializer analyzer: keeps parsing of large files off the extension
// host's event loop. One request at a time, answered in order.
import { parentPort } from 'node:worker_threads';
import { SessionStore } from '../core/analyzer/sessions';
import { isAnalyzeRequest, isForgetDocument, type FromAnalyzerMessage } from '../shared/analyzerProtocol';
import { runAnalysis } from '../shared/runAnalysis';

/** What was read from the documents analyzed last, so that the next version of each reads only what changed. */
const sessions = new SessionStore();

function reply(message: FromAnalyzerMessage): void {
  parentPort?.postMessage(message);
}

parentPort?.on('message', (m: unknown) => {
  if (isForgetDocument(m)) {
    sessions.forget(m.document);
    return;
  }
  if (!isAnalyzeRequest(m)) {
    const id = m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'number' ? (m as { id: number }).id : -1;
    reply({ type: 'error', id, message: 'malformed analyze request' });
    return;
  }
  const started = performance.now();
  try {
    const result = runAnalysis(m.input, m.options, sessions);
    reply({ type: 'result', id: m.id, result, elapsedMs: performance.now() - started });
  } catch (err) {
    reply({ type: 'error', id: m.id, message: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
