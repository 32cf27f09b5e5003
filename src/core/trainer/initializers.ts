/**
 * Weight and bias initializers. Each fills a rows x cols array (rows = units, cols = fanIn; a bias
 * is units x 1) from the run's seeded generator, drawing in row-major order.
 */
import type { ActivationName } from './activations';
import { LEAKY_RELU_SLOPE } from './activations';
import type { FanMode, InitializerSpec } from './config';
import type { FloatArray } from './matrix';
import type { Rng } from './rng';

/** Fans of the layer a tensor belongs to (for a bias, the fans of its weight matrix). */
export interface Fans {
  fanIn: number;
  fanOut: number;
}

/** Recommended gain for a nonlinearity, as torch.nn.init.calculate_gain (GELU uses ReLU's). */
export function calculateGain(nonlinearity: ActivationName): number {
  switch (nonlinearity) {
    case 'linear': case 'sigmoid': return 1;
    case 'tanh': return 5 / 3;
    case 'relu': case 'gelu': return Math.SQRT2;
    case 'leakyRelu': return Math.sqrt(2 / (1 + LEAKY_RELU_SLOPE * LEAKY_RELU_SLOPE));
  }
}

/** Standard deviation of Kaiming normal: gain / sqrt(fan). */
export function kaimingStd(fans: Fans, mode: FanMode = 'fanIn', nonlinearity: ActivationName = 'relu'): number {
  return calculateGain(nonlinearity) / Math.sqrt(mode === 'fanIn' ? fans.fanIn : fans.fanOut);
}

/** Standard deviation of Xavier/Glorot normal: gain * sqrt(2 / (fanIn + fanOut)). */
export function xavierStd(fans: Fans, gain = 1): number {
  return gain * Math.sqrt(2 / (fans.fanIn + fans.fanOut));
}

/** Normal draw resampled until within two standard deviations of the mean (as Keras/PyTorch defaults). */
export function truncatedNormal(rng: Rng, mean: number, std: number): number {
  if (std === 0) return mean;
  for (;;) {
    const z = rng.normal();
    if (z >= -2 && z <= 2) return mean + std * z;
  }
}

/** Fills `out` (rows x cols, row-major) according to `spec`. */
export function initialize(spec: InitializerSpec, out: FloatArray, rows: number, cols: number, fans: Fans, rng: Rng): void {
  const n = rows * cols;
  switch (spec.kind) {
    case 'zeros': out.fill(0, 0, n); return;
    case 'ones': out.fill(1, 0, n); return;
    case 'constant': out.fill(spec.value, 0, n); return;
    case 'uniform': for (let i = 0; i < n; i++) out[i] = rng.uniform(spec.low, spec.high); return;
    case 'normal': for (let i = 0; i < n; i++) out[i] = rng.normal(spec.mean, spec.std); return;
    case 'truncatedNormal': for (let i = 0; i < n; i++) out[i] = truncatedNormal(rng, spec.mean, spec.std); return;
    case 'xavierUniform': {
      const bound = Math.sqrt(3) * xavierStd(fans, spec.gain ?? 1);
      for (let i = 0; i < n; i++) out[i] = rng.uniform(-bound, bound);
      return;
    }
    case 'xavierNormal': {
      const std = xavierStd(fans, spec.gain ?? 1);
      for (let i = 0; i < n; i++) out[i] = rng.normal(0, std);
      return;
    }
    case 'kaimingUniform': {
      const bound = Math.sqrt(3) * kaimingStd(fans, spec.mode, spec.nonlinearity);
      for (let i = 0; i < n; i++) out[i] = rng.uniform(-bound, bound);
      return;
    }
    case 'kaimingNormal': {
      const std = kaimingStd(fans, spec.mode, spec.nonlinearity);
      for (let i = 0; i < n; i++) out[i] = rng.normal(0, std);
      return;
    }
    case 'lecunNormal': {
      const std = 1 / Math.sqrt(fans.fanIn);
      for (let i = 0; i < n; i++) out[i] = rng.normal(0, std);
      return;
    }
    case 'orthogonal': orthogonal(out, rows, cols, spec.gain ?? 1, rng); return;
    case 'identity': {
      out.fill(0, 0, n);
      for (let i = 0; i < Math.min(rows, cols); i++) out[i * cols + i] = spec.gain ?? 1;
      return;
    }
    case 'tiledRandom': {
      const std = spec.std ?? 1 / Math.sqrt(fans.fanIn);
      for (let j = 0; j < cols; j++) out[j] = rng.normal(0, std);
      for (let i = 1; i < rows; i++) out.copyWithin(i * cols, 0, cols);
      return;
    }
    case 'explicit': for (let i = 0; i < n; i++) out[i] = spec.values[i]; return;
  }
}

/**
 * Orthogonal init (Saxe et al.): a Gaussian matrix orthonormalized by modified Gram-Schmidt in float64
 * along its shorter side, so rows are orthonormal when rows <= cols and columns otherwise; times gain.
 */
function orthogonal(out: FloatArray, rows: number, cols: number, gain: number, rng: Rng): void {
  const g = new Float64Array(rows * cols);
  for (let i = 0; i < g.length; i++) g[i] = rng.normal();
  const byRows = rows <= cols;
  const count = byRows ? rows : cols;
  const len = byRows ? cols : rows;
  const at = (v: number, e: number): number => (byRows ? v * cols + e : e * cols + v);
  for (let v = 0; v < count; v++) {
    for (let u = 0; u < v; u++) {
      let dot = 0;
      for (let e = 0; e < len; e++) dot += g[at(u, e)] * g[at(v, e)];
      for (let e = 0; e < len; e++) g[at(v, e)] -= dot * g[at(u, e)];
    }
    let nrm = 0;
    for (let e = 0; e < len; e++) nrm += g[at(v, e)] ** 2;
    nrm = Math.sqrt(nrm) || 1;
    for (let e = 0; e < len; e++) g[at(v, e)] /= nrm;
  }
  for (let i = 0; i < g.length; i++) out[i] = gain * g[i];
}
