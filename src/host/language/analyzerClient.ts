import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { AnalysisResult, AnalyzeOptions } from '../../core/analyzer';
import { isFromAnalyzer, type AnalyzeRequest, type ToAnalyzerMessage } from '../../shared/analyzerProtocol';

/** What the client is asked to analyze: one source text, or notebook cells together. */
export type AnalyzerInput = AnalyzeRequest['input'];

/** A result and the time the analysis itself took. */
export interface TimedResult {
  result: AnalysisResult;
  elapsedMs: number;
}

/** A request waiting for, or being served by, the worker. */
interface Job {
  request: AnalyzeRequest;
  resolve: (r: TimedResult) => void;
  reject: (e: Error) => void;
}

/** Heap limits of the analyzer worker: a pathological input ends the worker, not the extension host. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };

/**
 * Runs the analyzer in a worker thread so that even a 50,000-line file never blocks the extension
 * host. Requests are served one at a time from a host-side queue, and each one's timeout starts only
 * when a running worker takes it, so a burst of requests (every open document at startup) cannot time out
 * while merely waiting. A timeout or a crash fails only the request in hand; the worker is restarted
 * and the queue goes on. Where no worker can be started (bundle missing), analysis runs in-thread.
 */
export class AnalyzerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly queue: Job[] = [];
  private current: (Job & { timer: ReturnType<typeof setTimeout> | undefined }) | undefined;
  private online = false;
  private noWorker = false;
  private disposed = false;
  private readonly watchers = new Set<(input: AnalyzerInput) => void>();

  constructor(private readonly workerPath: string, private readonly log: { warn(m: string): void; error(m: string): void }, private readonly timeoutMs = 30_000) {}

  /** Analyzes `input`; rejects when the worker crashed or timed out on it (never for findings). */
  analyze(input: AnalyzerInput, options: AnalyzeOptions): Promise<TimedResult> {
    if (this.disposed) return Promise.reject(new Error('the analyzer client is disposed'));
    for (const watch of this.watchers) watch(input);
    if (!this.ensureWorker()) return analyzeInThread(input, options);
    return new Promise<TimedResult>((resolve, reject) => {
      this.queue.push({ request: { type: 'analyze', id: this.nextId++, input, options }, resolve, reject });
      this.pump();
    });
  }

  /** Tells the worker that `document` closed, so it drops what it kept of it (nothing to do without a running worker). */
  forget(document: string): void {
    this.worker?.postMessage({ type: 'forget', document } satisfies ToAnalyzerMessage);
  }

  /** Calls `listener` with the input of every analysis asked for from now on (tests count analyses per document version). */
  onWillAnalyze(listener: (input: AnalyzerInput) => void): { dispose(): void } {
    this.watchers.add(listener);
    return { dispose: () => this.watchers.delete(listener) };
  }

  /** Ends the worker and rejects whatever is still waiting. */
  dispose(): void {
    this.disposed = true;
    this.watchers.clear();
    const err = new Error('the analyzer worker was stopped');
    this.failCurrent(err);
    for (const job of this.queue.splice(0)) job.reject(err);
    this.stopWorker();
  }

  /** Hands the next request to the worker when it is free. */
  private pump(): void {
    if (this.current || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    const worker = this.ensureWorker();
    if (!worker) {
      analyzeInThread(job.request.input, job.request.options).then(job.resolve, job.reject);
      this.pump();
      return;
    }
    this.current = { ...job, timer: undefined };
    worker.postMessage(job.request);
    // A worker still booting (slow on a busy machine) does not eat into the request's time.
    if (this.online) this.startTimer();
  }

  /** Starts the timeout of the request in hand. */
  private startTimer(): void {
    const job = this.current;
    if (!job || job.timer !== undefined) return;
    job.timer = setTimeout(() => {
      if (this.current !== job) return;
      this.failCurrent(new Error(`the analyzer took longer than ${this.timeoutMs} ms; its worker was restarted`));
      this.stopWorker();
      this.pump();
    }, this.timeoutMs);
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
      this.online = false;
      worker.on('online', () => {
        if (this.worker !== worker) return;
        this.online = true;
        this.startTimer();
      });
      worker.on('message', (m: unknown) => this.onMessage(m));
      worker.on('error', (err) => this.log.error(`the analyzer worker failed: ${err.stack ?? err.message}`));
      worker.on('exit', (code) => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.failCurrent(new Error(`the analyzer worker exited with code ${code}`));
        this.pump();
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
    const job = this.current;
    if (!job || job.request.id !== m.id) return; // timed out meanwhile
    clearTimeout(job.timer);
    this.current = undefined;
    if (m.type === 'result') job.resolve({ result: m.result, elapsedMs: m.elapsedMs });
    else job.reject(new Error(m.message));
    this.pump();
  }

  private failCurrent(err: Error): void {
    const job = this.current;
    this.current = undefined;
    if (!job) return;
    clearTimeout(job.timer);
    job.reject(err);
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

/** The same analysis on this thread (fallback where no worker can run); the analyzer is loaded on first use. */
async function analyzeInThread(input: AnalyzerInput, options: AnalyzeOptions): Promise<TimedResult> {
  const { runAnalysis } = await import('../../shared/runAnalysis');
  const started = performance.now();
  const result = runAnalysis(input, options);
  return { result, elapsedMs: performance.now() - started };
}
