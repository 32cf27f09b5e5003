import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { analyze, analyzeCells, type AnalysisResult, type AnalyzeOptions } from '../../core/analyzer';
import { isFromAnalyzer, type AnalyzeRequest } from '../../shared/analyzerProtocol';

/** What the client is asked to analyze: one source text, or notebook cells together. */
export type AnalyzerInput = AnalyzeRequest['input'];

/** A result and the time the analysis itself took. */
export interface TimedResult {
  result: AnalysisResult;
  elapsedMs: number;
}

interface Pending {
  resolve: (r: TimedResult) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Heap limits of the analyzer worker: a pathological input ends the worker, not the extension host. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };

/**
 * Runs the analyzer in a worker thread so that even a 50,000-line file never blocks the extension
 * host. The worker starts with the first request, is restarted after a crash or a timeout, and ends
 * with dispose(). Where no worker can be started (bundle missing), analysis runs in-thread.
 */
export class AnalyzerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private noWorker = false;
  private disposed = false;

  constructor(private readonly workerPath: string, private readonly log: { warn(m: string): void; error(m: string): void }, private readonly timeoutMs = 30_000) {}

  /** Analyzes `input`; rejects when the worker crashed or timed out on it (never for findings). */
  analyze(input: AnalyzerInput, options: AnalyzeOptions): Promise<TimedResult> {
    if (this.disposed) return Promise.reject(new Error('the analyzer client is disposed'));
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve(analyzeInThread(input, options));
    const id = this.nextId++;
    return new Promise<TimedResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the analyzer took longer than ${this.timeoutMs} ms; its worker was restarted`));
        this.restart();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const request: AnalyzeRequest = { type: 'analyze', id, input, options };
      worker.postMessage(request);
    });
  }

  /** Ends the worker and rejects whatever is still pending. */
  dispose(): void {
    this.disposed = true;
    this.restart();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.noWorker) return this.worker;
    if (!existsSync(this.workerPath)) {
      this.noWorker = true;
      this.log.warn(`${this.workerPath} is missing: the analyzer runs on the extension host's thread`);
      return undefined;
    }
    try {
      const worker = new Worker(this.workerPath, { resourceLimits: RESOURCE_LIMITS });
      worker.on('message', (m: unknown) => this.onMessage(m));
      worker.on('error', (err) => this.log.error(`the analyzer worker failed: ${err.stack ?? err.message}`));
      worker.on('exit', (code) => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.failAll(new Error(`the analyzer worker exited with code ${code}`));
      });
      this.worker = worker;
      return worker;
    } catch (err) {
      this.noWorker = true;
      this.log.warn(`cannot start the analyzer worker (${String(err)}): the analyzer runs on the extension host's thread`);
      return undefined;
    }
  }

  private onMessage(m: unknown): void {
    if (!isFromAnalyzer(m)) {
      this.log.error('the analyzer worker sent a malformed message');
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return; // timed out meanwhile
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.type === 'result') p.resolve({ result: m.result, elapsedMs: m.elapsedMs });
    else p.reject(new Error(m.message));
  }

  private restart(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('the analyzer worker was stopped'));
    void worker?.terminate();
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
  }
}

/** The same analysis on this thread (fallback where no worker can run). */
function analyzeInThread(input: AnalyzerInput, options: AnalyzeOptions): TimedResult {
  const started = performance.now();
  const result = input.kind === 'text' ? analyze(input.text, options) : analyzeCells(input.cells, options);
  return { result, elapsedMs: performance.now() - started };
}
