// Workspace scan benchmark: the Initializer Findings view's pure scan core over a generated
// workspace of 2,000 Python files (one in five with a constant initializer), read from disk as the
// view reads them. Reports files/s and the event loop's p99 delay while scanning, against the same
// analysis run as one synchronous task over texts in memory and against an idle loop, measured in
// the same run.
// Usage: npm run bench [-- --files=2000 --rounds=3]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { analyzeFile } from '../src/core/analyzer/index';
import { scanFiles, type ScanFile, type ScanResult } from '../src/host/views/scanCore';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const FILES = Number(arg('files') ?? 2000);
const ROUNDS = Number(arg('rounds') ?? 3);

/** A realistic small training script; `bad` makes its first layer constant. */
function pythonFile(i: number, bad: boolean): string {
  const init = bad ? 'np.zeros((784, 128))' : 'np.random.randn(784, 128) * np.sqrt(2.0 / 784)';
  const torch = i % 3 === 0;
  const body = torch
    ? `import torch\nimport torch.nn as nn\n\nclass Net${i}(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc1 = nn.Linear(784, 128)\n        self.fc2 = nn.Linear(128, 10)\n        ${bad ? 'nn.init.zeros_(self.fc1.weight)' : 'nn.init.kaiming_normal_(self.fc1.weight)'}\n\n    def forward(self, x):\n        return self.fc2(torch.relu(self.fc1(x)))\n`
    : `import numpy as np\n\nW1 = ${init}\nb1 = np.zeros(128)\nW2 = np.random.randn(128, 10) * 0.01\nb2 = np.zeros(10)\n`;
  const helpers = Array.from({ length: 12 }, (_, k) => `\ndef helper_${k}(x, scale=${k + 1}):\n    """Utility ${k} of module ${i}."""\n    y = [v * scale for v in x]\n    return sum(y) / max(len(y), 1)\n`).join('');
  return `# module ${i}\n${body}${helpers}`;
}

function generate(dir: string, n: number): ScanFile[] {
  const files: ScanFile[] = [];
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `pkg${i % 40}`);
    if (i < 40) mkdirSync(sub, { recursive: true });
    const path = join(sub, `module_${i}.py`);
    writeFileSync(path, pythonFile(i, i % 5 === 0));
    files.push({ path, read: () => readFile(path, 'utf8') });
  }
  return files;
}

interface Measured {
  seconds: number;
  p99Ms: number;
  maxMs: number;
  result?: ScanResult;
}

async function measure(run: () => Promise<ScanResult | undefined>): Promise<Measured> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  const result = await run();
  const seconds = (performance.now() - t0) / 1000;
  h.disable();
  return { seconds, p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6, result };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vi-scan-bench-'));
  try {
    const files = generate(dir, FILES);
    console.log(`generated ${FILES} Python files in ${dir}`);
    await scanFiles(files.slice(0, 50)); // warm up the parser
    const idle = await measure(() => new Promise((r) => setTimeout(() => r(undefined), 1000)));
    let best: Measured | undefined, blocking: Measured | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      const sliced = await measure(() => scanFiles(files));
      if (!best || sliced.seconds < best.seconds) best = sliced;
      const texts = await Promise.all(files.map((f) => f.read()));
      const oneTask = await measure(async () => {
        // Reference: the same analysis as one synchronous task over texts already in memory.
        await new Promise((r) => setTimeout(r, 20));
        let n = 0;
        for (const [i, f] of files.entries()) n += analyzeFile(f.path, texts[i]).findings.length ? 1 : 0;
        await new Promise((r) => setTimeout(r, 20)); // lets the delay monitor record the blocked stretch
        return { files: [], scanned: n, skipped: 0, cancelled: false };
      });
      if (!blocking || oneTask.seconds < blocking.seconds) blocking = oneTask;
    }
    if (!best?.result || !blocking) throw new Error('no measurement');
    const withFindings = best.result.files.length;
    if (best.result.scanned !== FILES || withFindings !== Math.ceil(FILES / 5)) {
      throw new Error(`scanned ${best.result.scanned} files, ${withFindings} with findings; expected ${FILES} and ${Math.ceil(FILES / 5)}`);
    }
    const row = (name: string, m: Measured): string =>
      `${name.padEnd(34)} ${(FILES / m.seconds).toFixed(0).padStart(7)} files/s  ${(m.seconds * 1000).toFixed(0).padStart(6)} ms  p99 ${m.p99Ms.toFixed(1).padStart(6)} ms  max ${m.maxMs.toFixed(1).padStart(6)} ms`;
    console.log(`best of ${ROUNDS} rounds; event-loop delay sampled every 5 ms; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
    console.log(row('scan (time-sliced, as the view runs)', best));
    console.log(row('analysis in one task, no I/O (ref.)', blocking));
    console.log(`${'idle event loop (reference)'.padEnd(34)} ${''.padStart(7)}          ${''.padStart(6)}     p99 ${idle.p99Ms.toFixed(1).padStart(6)} ms  max ${idle.maxMs.toFixed(1).padStart(6)} ms`);
    console.log(`findings in ${withFindings} of ${FILES} files; the scan's p99 event-loop delay is ${(blocking.p99Ms / Math.max(best.p99Ms, 0.001)).toFixed(0)}x lower than one blocking task`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
