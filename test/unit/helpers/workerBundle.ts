// Builds the trainer worker into a temporary folder, so tests run the same bundle the extension ships.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Bundles src/worker/trainerWorker.ts; returns its path and a cleanup function. */
export async function buildWorkerBundle(): Promise<{ workerScript: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'vi-worker-'));
  const workerScript = join(dir, 'trainerWorker.js');
  await build({ entryPoints: ['src/worker/trainerWorker.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerScript, logLevel: 'error' });
  return { workerScript, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
