/**
 * Seeded synthetic datasets with noise and a train/test split. No downloads: the 784-dimensional
 * sets are generated (seven-segment "digits" drawn on a 28x28 grid with jitter and pixel noise, and
 * a "teacher" set labelled by a fixed random network). Targets are one-hot for multiclass sets,
 * 0/1 for binary ones and real values for regression.
 */
import { datasetShape, type DatasetConfig } from './config';
import { Rng } from './rng';

/** A split of a dataset: x is n x inputSize, y is n x outputSize, both row-major float32. */
export interface DataSplit {
  x: Float32Array;
  y: Float32Array;
  n: number;
}

/** A generated dataset with its shape and task. */
export interface Dataset {
  inputSize: number;
  outputSize: number;
  task: 'binary' | 'multiclass' | 'regression';
  train: DataSplit;
  test: DataSplit;
}

/** Generates a dataset from its config and seed; the same (config, seed) gives the same arrays. */
export function generateDataset(config: DatasetConfig, seed: number): Dataset {
  const shape = datasetShape(config);
  const rng = new Rng(seed);
  const n = config.samples;
  const x = new Float32Array(n * shape.inputSize);
  const y = new Float32Array(n * shape.outputSize);
  const noise = config.noise;
  const classes = shape.outputSize;
  const setClass = (i: number, c: number): void => {
    if (shape.task === 'binary') y[i] = c;
    else y[i * classes + c] = 1;
  };
  switch (config.name) {
    case 'xor':
      for (let i = 0; i < n; i++) {
        const a = rng.uniform(-1, 1), b = rng.uniform(-1, 1);
        x[2 * i] = a + noise * rng.normal();
        x[2 * i + 1] = b + noise * rng.normal();
        setClass(i, a * b > 0 ? 1 : 0);
      }
      break;
    case 'circles':
      for (let i = 0; i < n; i++) {
        const c = i % 2;
        const r = c === 1 ? rng.uniform(0, 0.5) : rng.uniform(0.7, 1);
        const t = rng.uniform(0, 2 * Math.PI);
        x[2 * i] = r * Math.cos(t) + noise * rng.normal();
        x[2 * i + 1] = r * Math.sin(t) + noise * rng.normal();
        setClass(i, c);
      }
      break;
    case 'moons':
      for (let i = 0; i < n; i++) {
        const c = i % 2;
        const t = rng.uniform(0, Math.PI);
        const px = c === 0 ? Math.cos(t) : 1 - Math.cos(t);
        const py = c === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
        x[2 * i] = px - 0.5 + noise * rng.normal();
        x[2 * i + 1] = py - 0.25 + noise * rng.normal();
        setClass(i, c);
      }
      break;
    case 'spiral':
      for (let i = 0; i < n; i++) {
        const c = i % classes;
        const r = rng.nextFloat();
        const t = (c * 2 * Math.PI) / classes + 4 * r + noise * rng.normal();
        x[2 * i] = r * Math.cos(t);
        x[2 * i + 1] = r * Math.sin(t);
        setClass(i, c);
      }
      break;
    case 'blobs': {
      const centers = Array.from({ length: classes }, () => [rng.uniform(-1, 1), rng.uniform(-1, 1)]);
      for (let i = 0; i < n; i++) {
        const c = i % classes;
        x[2 * i] = centers[c][0] + (0.1 + noise) * rng.normal();
        x[2 * i + 1] = centers[c][1] + (0.1 + noise) * rng.normal();
        setClass(i, c);
      }
      break;
    }
    case 'regression':
      for (let i = 0; i < n; i++) {
        const a = rng.uniform(-1, 1), b = rng.uniform(-1, 1);
        x[2 * i] = a;
        x[2 * i + 1] = b;
        y[i] = Math.sin(Math.PI * a) * Math.cos(Math.PI * b) + noise * rng.normal();
      }
      break;
    case 'digits':
      for (let i = 0; i < n; i++) {
        const c = i % 10;
        drawDigit(c, x.subarray(i * 784, (i + 1) * 784), rng, noise);
        setClass(i, c);
      }
      break;
    case 'teacher': {
      const hidden = 32;
      const w1 = new Float32Array(hidden * 784).map(() => rng.normal(0, 1 / Math.sqrt(784)));
      const w2 = new Float32Array(10 * hidden).map(() => rng.normal(0, 1 / Math.sqrt(hidden)));
      const h = new Float64Array(hidden);
      for (let i = 0; i < n; i++) {
        const xi = x.subarray(i * 784, (i + 1) * 784);
        for (let k = 0; k < 784; k++) xi[k] = rng.normal();
        for (let j = 0; j < hidden; j++) {
          let s = 0;
          for (let k = 0; k < 784; k++) s += w1[j * 784 + k] * xi[k];
          h[j] = Math.tanh(s);
        }
        let best = 0, bestValue = -Infinity;
        for (let c = 0; c < 10; c++) {
          let s = noise * rng.normal();
          for (let j = 0; j < hidden; j++) s += w2[c * hidden + j] * h[j];
          if (s > bestValue) { bestValue = s; best = c; }
        }
        setClass(i, best);
      }
      break;
    }
  }
  return splitDataset(x, y, n, shape.inputSize, shape.outputSize, shape.task, config.testFraction, rng);
}

/** Shuffles the samples with the dataset's generator and cuts off the last testFraction as test set. */
function splitDataset(
  x: Float32Array, y: Float32Array, n: number, inputSize: number, outputSize: number,
  task: Dataset['task'], testFraction: number, rng: Rng,
): Dataset {
  const order = new Int32Array(n).map((_, i) => i);
  rng.shuffle(order);
  const nTest = Math.round(n * testFraction);
  const take = (from: number, count: number): DataSplit => {
    const sx = new Float32Array(count * inputSize), sy = new Float32Array(count * outputSize);
    for (let i = 0; i < count; i++) {
      const s = order[from + i];
      sx.set(x.subarray(s * inputSize, (s + 1) * inputSize), i * inputSize);
      sy.set(y.subarray(s * outputSize, (s + 1) * outputSize), i * outputSize);
    }
    return { x: sx, y: sy, n: count };
  };
  return { inputSize, outputSize, task, train: take(0, n - nTest), test: take(n - nTest, nTest) };
}

/** Seven-segment masks (a, b, c, d, e, f, g) of the digits 0-9. */
const SEGMENTS: readonly string[] = ['1111110', '0110000', '1101101', '1111001', '0110011', '1011011', '1011111', '1110000', '1111111', '1111011'];

/** Draws digit c as thick seven-segment strokes on a 28x28 grid with random shift, size and pixel noise. */
function drawDigit(c: number, img: Float32Array, rng: Rng, noise: number): void {
  const w = 10 + rng.nextInt(5), h = 16 + rng.nextInt(5);
  const x0 = 4 + rng.nextInt(28 - w - 7), y0 = 3 + rng.nextInt(28 - h - 5);
  const thick = 2 + rng.nextInt(2);
  const mid = y0 + Math.floor(h / 2);
  const rect = (ax: number, ay: number, bx: number, by: number): void => {
    for (let yy = ay; yy <= by; yy++) for (let xx = ax; xx <= bx; xx++) {
      if (xx >= 0 && xx < 28 && yy >= 0 && yy < 28) img[yy * 28 + xx] = 1;
    }
  };
  const s = SEGMENTS[c];
  if (s[0] === '1') rect(x0, y0, x0 + w, y0 + thick - 1);
  if (s[1] === '1') rect(x0 + w - thick + 1, y0, x0 + w, mid);
  if (s[2] === '1') rect(x0 + w - thick + 1, mid, x0 + w, y0 + h);
  if (s[3] === '1') rect(x0, y0 + h - thick + 1, x0 + w, y0 + h);
  if (s[4] === '1') rect(x0, mid, x0 + thick - 1, y0 + h);
  if (s[5] === '1') rect(x0, y0, x0 + thick - 1, mid);
  if (s[6] === '1') rect(x0, mid - (thick >> 1), x0 + w, mid - (thick >> 1) + thick - 1);
  for (let i = 0; i < 784; i++) img[i] = Math.min(1, Math.max(0, img[i] + noise * rng.normal()));
}
