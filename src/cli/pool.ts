// Lints files on worker threads running this same script, so a CI run over thousands of files
// uses every core. Files are handed out one at a time (sizes vary a lot) and the results come
// back in the order the files were given, so the output is the same as a single-threaded run.
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { FileResult } from './format';

/** One file to lint: where it is and how the output names it. */
export interface LintJob {
  path: string;
  shown: string;
}

/** Lints one job with the size cap. */
export type Lint = (job: LintJob, maxFileSize: number) => FileResult;

/** A thread is only worth starting for this many files. */
const FILES_PER_THREAD = 8;

/** The key of the worker data that makes this script a lint worker. */
const WORKER_KEY = 'visualizeInitLint';

/** Threads to use: `requested` (0 = one per core), no more than the files keep busy. */
export function threadCount(requested: number, files: number): number {
  const max = requested > 0 ? requested : availableParallelism();
  return Math.max(1, Math.min(max, Math.floor(files / FILES_PER_THREAD)));
}

/**
 * Lints `jobs` on `threads` workers started from `script` (the bundled CLI), or in this thread
 * when `threads` is 1. A worker that fails hands its file and the rest back to this thread.
 */
export function lintOnThreads(jobs: readonly LintJob[], threads: number, script: string, maxFileSize: number, lint: Lint): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(jobs.length);
  let next = 0;
  const lintRestHere = () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = lint(jobs[i], maxFileSize);
    }
  };
  if (threads <= 1) {
    lintRestHere();
    return Promise.resolve(results);
  }
  return new Promise((resolve) => {
    let running = threads;
    const done = () => {
      if (--running === 0) resolve(results);
    };
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(script, { workerData: { [WORKER_KEY]: { maxFileSize } } });
      let current = -1;
      let finished = false;
      const feed = () => {
        if (next >= jobs.length) {
          finished = true;
          void worker.terminate();
          done();
          return;
        }
        current = next++;
        worker.postMessage({ i: current, job: jobs[current] });
      };
      worker.on('message', (m: { i: number; result: FileResult }) => {
        results[m.i] = m.result;
        feed();
      });
      const recover = () => {
        if (finished) return;
        finished = true;
        if (current >= 0 && results[current] === undefined) results[current] = lint(jobs[current], maxFileSize);
        lintRestHere();
        done();
      };
      worker.once('error', recover);
      worker.once('exit', recover);
      feed();
    }
  });
}

/** In a worker started by lintOnThreads: serves lint jobs and returns true; elsewhere returns false. */
export function serveLintJobs(lint: Lint): boolean {
  const data = (workerData as Record<string, { maxFileSize: number }> | undefined)?.[WORKER_KEY];
  if (isMainThread || !data || !parentPort) return false;
  const port = parentPort;
  port.on('message', (m: { i: number; job: LintJob }) => port.postMessage({ i: m.i, result: lint(m.job, data.maxFileSize) }));
  return true;
}
