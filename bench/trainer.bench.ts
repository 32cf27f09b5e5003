// Trainer benchmark: steps/s and GFLOP/s of our engine on C1..C4 against references measured in the
// same run (TensorFlow.js CPU and WASM backends, and a plain JS triple loop), then the main thread's
// event-loop delay while a worker trains flat out and streams snapshots, against idle.
// Engines are measured in interleaved rounds and the best round of each is reported, so that load
// from other processes during one measurement does not skew a ratio.
// Usage: npm run bench [-- --seconds=0.6 --rounds=3 --only=C3,C4]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { Rng, type TrainConfig } from '../src/core/trainer/index';
import { TrainerClient } from '../src/host/training/trainerClient';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SECONDS = Number(arg('seconds') ?? 0.6);
const ROUNDS = Number(arg('rounds') ?? 3);
const ONLY = arg('only');

/** A benchmark configuration: layer widths (input first) and batch size. */
interface BenchConfig {
  name: string;
  sizes: number[];
  batch: number;
}

const CONFIGS: BenchConfig[] = [
  { name: 'C1', sizes: [2, 8, 8, 1], batch: 10 },
  { name: 'C2', sizes: [2, 64, 64, 1], batch: 64 },
  { name: 'C3', sizes: [784, 128, 10], batch: 128 },
  { name: 'C4', sizes: [784, 256, 128, 10], batch: 256 },
].filter((c) => !ONLY || ONLY.split(',').includes(c.name));

/** Multiply-adds of forward (1) + weight gradient (1) + input gradient (1, not for the first layer), x2 flops. */
function flopsPerStep(c: BenchConfig): number {
  let f = 0;
  for (let l = 1; l < c.sizes.length; l++) f += 2 * c.batch * c.sizes[l - 1] * c.sizes[l] * (l === 1 ? 2 : 3);
  return f;
}

/**
 * Steps per CPU second of `step` over about SECONDS of CPU time (callers warm up first). CPU time of
 * this process, not wall time: every engine measured here is single-threaded, and on a shared machine
 * wall time mostly measures how often the scheduler ran us.
 */
function measure(step: () => void): number {
  let n = 0, chunk = 1, used = 0;
  const c0 = process.cpuUsage();
  while (used < SECONDS * 1e6) {
    for (let i = 0; i < chunk; i++) step();
    n += chunk;
    const c = process.cpuUsage(c0);
    const before = used;
    used = c.user + c.system;
    if (used - before < 2000) chunk *= 2;
  }
  return n / (used / 1e6);
}

function engineConfig(c: BenchConfig): TrainConfig {
  const binary = c.sizes[c.sizes.length - 1] === 1;
  return {
    dataset: binary ? { name: 'xor', samples: 1000, noise: 0.1, testFraction: 0.2 } : { name: 'digits', samples: 1200, noise: 0.1, testFraction: 0.1 },
    layers: c.sizes.slice(1).map((units, i, all) => ({
      units, activation: i === all.length - 1 ? (binary ? 'sigmoid' : 'linear') : 'relu',
      weightInit: { kind: 'kaimingNormal' }, biasInit: { kind: 'zeros' },
    })),
    loss: binary ? 'bce' : 'softmaxCrossEntropy', optimizer: { kind: 'sgd', lr: 0.01 }, batchSize: c.batch, seed: 1, dataSeed: 1,
  };
}

/** The engine as the product runs it: bundled by esbuild (tsx's per-module import getters would cost it ~10% on C1). */
type TrainerModule = typeof import('../src/core/trainer/index');
let bundledEngine: TrainerModule | null = null;

/** A step function of our engine. */
function engineStep(c: BenchConfig): () => void {
  if (!bundledEngine) throw new Error('engine bundle not built');
  const t = new bundledEngine.Trainer(engineConfig(c));
  return () => t.trainStep();
}

/** The same network written as plain triple loops over Float32Arrays (no tiling, no transposes). */
function plainLoopsStep(c: BenchConfig): () => void {
  const rng = new Rng(1);
  const L = c.sizes.length - 1, B = c.batch;
  const W = c.sizes.slice(1).map((out, l) => Float32Array.from({ length: out * c.sizes[l] }, () => rng.normal(0, Math.sqrt(2 / c.sizes[l]))));
  const b = c.sizes.slice(1).map((out) => new Float32Array(out));
  const gW = W.map((w) => new Float32Array(w.length)), gb = b.map((v) => new Float32Array(v.length));
  const acts = c.sizes.map((n) => new Float32Array(B * n));
  const deltas = c.sizes.map((n) => new Float32Array(B * n));
  acts[0].set(Float32Array.from({ length: B * c.sizes[0] }, () => rng.normal()));
  const out = c.sizes[L];
  const y = Float32Array.from({ length: B * out }, (_, i) => (out === 1 ? rng.nextInt(2) : i % out === 0 ? 1 : 0));
  return () => {
    for (let l = 0; l < L; l++) {
      const nin = c.sizes[l], nout = c.sizes[l + 1], x = acts[l], z = acts[l + 1], w = W[l];
      for (let i = 0; i < B; i++) for (let j = 0; j < nout; j++) {
        let s = b[l][j];
        for (let k = 0; k < nin; k++) s += x[i * nin + k] * w[j * nin + k];
        z[i * nout + j] = l < L - 1 ? Math.max(0, s) : s;
      }
    }
    const z = acts[L], d = deltas[L];
    for (let i = 0; i < B; i++) {
      if (out === 1) d[i] = (1 / (1 + Math.exp(-z[i])) - y[i]) / B;
      else {
        let m = -Infinity, s = 0;
        for (let j = 0; j < out; j++) m = Math.max(m, z[i * out + j]);
        for (let j = 0; j < out; j++) s += Math.exp(z[i * out + j] - m);
        for (let j = 0; j < out; j++) d[i * out + j] = (Math.exp(z[i * out + j] - m) / s - y[i * out + j]) / B;
      }
    }
    for (let l = L - 1; l >= 0; l--) {
      const nin = c.sizes[l], nout = c.sizes[l + 1], x = acts[l], dz = deltas[l + 1], w = W[l];
      gW[l].fill(0);
      gb[l].fill(0);
      for (let i = 0; i < B; i++) for (let j = 0; j < nout; j++) {
        const g = dz[i * nout + j];
        gb[l][j] += g;
        for (let k = 0; k < nin; k++) gW[l][j * nin + k] += g * x[i * nin + k];
      }
      if (l > 0) {
        const dx = deltas[l];
        for (let i = 0; i < B; i++) for (let k = 0; k < nin; k++) {
          let s = 0;
          for (let j = 0; j < nout; j++) s += dz[i * nout + j] * w[j * nin + k];
          dx[i * nin + k] = x[i * nin + k] > 0 ? s : 0;
        }
      }
    }
    for (let l = 0; l < L; l++) {
      for (let i = 0; i < W[l].length; i++) W[l][i] -= 0.01 * gW[l][i];
      for (let i = 0; i < b[l].length; i++) b[l][i] -= 0.01 * gb[l][i];
    }
  };
}

/** The same network in TensorFlow.js on the current backend, trained with tf.train.sgd; call dispose() after. */
function tfjsStep(c: BenchConfig): { step: () => void; dispose: () => void } {
  const L = c.sizes.length - 1, out = c.sizes[L];
  const x = tf.randomNormal([c.batch, c.sizes[0]]);
  const y = out === 1 ? tf.cast(tf.randomUniform([c.batch, 1], 0, 2, 'int32'), 'float32') : tf.oneHot(tf.randomUniform([c.batch], 0, out, 'int32'), out);
  const W = c.sizes.slice(1).map((n, l) => tf.variable(tf.randomNormal([c.sizes[l], n], 0, Math.sqrt(2 / c.sizes[l]))));
  const b = c.sizes.slice(1).map((n) => tf.variable(tf.zeros([n])));
  const opt = tf.train.sgd(0.01);
  const step = (): void => {
    opt.minimize(() => {
      let h: tf.Tensor = x;
      for (let l = 0; l < L; l++) {
        h = tf.add(tf.matMul(h, W[l]), b[l]);
        if (l < L - 1) h = tf.relu(h);
      }
      return (out === 1 ? tf.losses.sigmoidCrossEntropy(y, h) : tf.losses.softmaxCrossEntropy(y, h)) as tf.Scalar;
    }, false);
  };
  return { step, dispose: () => { tf.dispose([x, y, ...W, ...b]); opt.dispose(); } };
}

/** Name of the backend active while the "tfjs-wasm" rows were measured (it should be "wasm"). */
let wasmBackendName = '';

/** Best steps/s of each engine over ROUNDS interleaved rounds (after one warm-up call of each). */
async function benchConfig(c: BenchConfig): Promise<{ ours: number; plain: number; cpu: number; wasm: number }> {
  const ours = engineStep(c), plain = plainLoopsStep(c);
  await tf.setBackend('cpu');
  const cpu = tfjsStep(c);
  await tf.setBackend('wasm');
  wasmBackendName = tf.getBackend();
  const wasm = tfjsStep(c);
  const best = { ours: 0, plain: 0, cpu: 0, wasm: 0 };
  for (let r = 0; r <= ROUNDS; r++) {
    const keep = r > 0;
    const o = measure(ours), p = measure(plain);
    await tf.setBackend('cpu');
    const cs = measure(cpu.step);
    await tf.setBackend('wasm');
    const ws = measure(wasm.step);
    if (keep) {
      best.ours = Math.max(best.ours, o);
      best.plain = Math.max(best.plain, p);
      best.cpu = Math.max(best.cpu, cs);
      best.wasm = Math.max(best.wasm, ws);
    }
  }
  wasm.dispose();
  await tf.setBackend('cpu');
  cpu.dispose();
  return best;
}

/** p50/p99 of the main thread's event-loop delay (ms) over `ms`, while `during` runs. */
async function eventLoopDelay(ms: number): Promise<{ p50: number; p99: number; max: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await new Promise((r) => setTimeout(r, ms));
  h.disable();
  return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
}

async function benchEventLoop(dir: string): Promise<void> {
  {
    const script = join(dir, 'trainerWorker.js');
    const idle = await eventLoopDelay(2000);
    const client = new TrainerClient(script);
    let snapshots = 0, bytes = 0, lastStep = 0;
    client.onSnapshot((s) => {
      snapshots++;
      lastStep = s.step;
      for (const l of s.layers) bytes += l.weights.byteLength + l.biases.byteLength;
    });
    const c3 = CONFIGS.find((c) => c.name === 'C3') ?? { name: 'C3', sizes: [784, 128, 10], batch: 128 };
    client.start(engineConfig(c3), { rates: { snapshotsPerSecond: 30 } });
    await new Promise((r) => setTimeout(r, 1000));
    const s0 = snapshots, step0 = lastStep;
    const busy = await eventLoopDelay(3000);
    const rate = (snapshots - s0) / 3;
    const sps = (lastStep - step0) / 3;
    client.dispose();
    console.log('\nMain-thread event-loop delay (perf_hooks.monitorEventLoopDelay, resolution 1 ms):');
    console.log(`  idle                         p50 ${idle.p50.toFixed(2)} ms  p99 ${idle.p99.toFixed(2)} ms  max ${idle.max.toFixed(2)} ms`);
    console.log(`  worker training C3 flat out  p50 ${busy.p50.toFixed(2)} ms  p99 ${busy.p99.toFixed(2)} ms  max ${busy.max.toFixed(2)} ms`);
    console.log(`  (${rate.toFixed(1)} snapshots/s received, ${(bytes / 1e6).toFixed(1)} MB in total, worker at ${sps.toFixed(0)} steps/s, step ${lastStep}; p99 ratio busy/idle ${(busy.p99 / idle.p99).toFixed(2)})`);
  }
}

/** Bundles the engine and the worker as esbuild.js does for the product, into `dir`. */
async function buildBundles(dir: string): Promise<void> {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', minify: true } as const;
  await build({ ...common, entryPoints: ['src/worker/trainerWorker.ts'], outfile: join(dir, 'trainerWorker.js') });
  await build({ ...common, entryPoints: ['src/core/trainer/index.ts'], outfile: join(dir, 'trainer.js') });
  bundledEngine = createRequire(__filename)(join(dir, 'trainer.js')) as TrainerModule;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vi-bench-'));
  try {
    await buildBundles(dir);
    await runBenchmarks(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runBenchmarks(dir: string): Promise<void> {
  setWasmPaths(join(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  tf.env().set('PROD', true);
  await tf.setBackend('wasm');
  await tf.ready();
  console.log(`Trainer benchmark (node ${process.version}, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs; best of ${ROUNDS} interleaved rounds of ${SECONDS} CPU-s; ratios against references measured in this run)\n`);
  const rows: string[][] = [['config', 'engine', 'steps/CPU-s', 'GFLOP/CPU-s', 'vs plain JS', 'vs tfjs-cpu', 'vs tfjs-wasm']];
  for (const c of CONFIGS) {
    const { ours, plain, cpu, wasm } = await benchConfig(c);
    const gf = (sps: number) => ((sps * flopsPerStep(c)) / 1e9).toFixed(2);
    const label = `${c.name} ${c.sizes.join('-')} b${c.batch}`;
    for (const [name, sps] of [['visualize-init', ours], ['plain JS loops', plain], ['tfjs-cpu', cpu], ['tfjs-wasm', wasm]] as const) {
      rows.push([label, name, sps.toFixed(1), gf(sps), (sps / plain).toFixed(2) + 'x', (sps / cpu).toFixed(2) + 'x', (sps / wasm).toFixed(2) + 'x']);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  '));
  console.log(`\ntfjs-wasm rows ran on backend '${wasmBackendName}' (.wasm files from node_modules; single-threaded)`);
  await benchEventLoop(dir);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
