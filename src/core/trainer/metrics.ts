/**
 * Per-layer statistics and classification accuracy. Activation statistics are taken on a probe batch
 * (without dropout); norms are Frobenius norms of the whole weight and gradient matrices.
 */
import { isSaturatedOrDead } from './activations';
import { norm2, type FloatArray } from './matrix';
import type { MLP } from './mlp';
import { layerSymmetry, type SymmetryMetrics } from './symmetry';

/** What the panel shows about one layer. */
export interface LayerMetrics {
  weightNorm: number;
  biasNorm: number;
  gradWeightNorm: number;
  gradBiasNorm: number;
  activationMean: number;
  activationStd: number;
  /** Fraction of probe activations that are saturated (sigmoid/tanh/GELU tails) or at ReLU's zero. */
  saturatedFraction: number;
  /** Fraction of units that are inactive (z <= 0 under ReLU) on every probe sample. */
  deadFraction: number;
  symmetry: SymmetryMetrics;
}

/** Metrics of a run at one step. */
export interface Metrics {
  step: number;
  /** Loss of the last minibatch. */
  batchLoss: number;
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  layers: LayerMetrics[];
}

/** Fraction of rows whose prediction matches the target (argmax for several outputs, > 0.5 for one). */
export function accuracyCount(out: FloatArray, y: FloatArray | Float32Array, n: number, width: number, binaryFromLogit: boolean): number {
  let correct = 0;
  if (width === 1) {
    const threshold = binaryFromLogit ? 0 : 0.5;
    for (let i = 0; i < n; i++) if ((out[i] > threshold ? 1 : 0) === (y[i] > 0.5 ? 1 : 0)) correct++;
    return correct;
  }
  for (let i = 0; i < n; i++) {
    let best = 0, target = 0;
    for (let j = 1; j < width; j++) {
      if (out[i * width + j] > out[i * width + best]) best = j;
      if (y[i * width + j] > y[i * width + target]) target = j;
    }
    if (best === target) correct++;
  }
  return correct;
}

/** Statistics of every layer after mlp.forward(probe, n, null). */
export function layerMetrics(mlp: MLP, n: number): LayerMetrics[] {
  return mlp.layers.map((layer, l) => {
    const z = mlp.preActivations(l), a = mlp.activations(l);
    const count = n * layer.units;
    let sum = 0, sumSq = 0, saturated = 0;
    for (let i = 0; i < count; i++) {
      sum += a[i];
      sumSq += a[i] * a[i];
      if (isSaturatedOrDead(layer.activation, z[i], a[i])) saturated++;
    }
    const mean = count > 0 ? sum / count : 0;
    let dead = 0;
    if (layer.activation === 'relu') {
      for (let j = 0; j < layer.units; j++) {
        let alive = false;
        for (let i = 0; i < n && !alive; i++) alive = z[i * layer.units + j] > 0;
        if (!alive) dead++;
      }
    }
    return {
      weightNorm: norm2(layer.weights.data),
      biasNorm: norm2(layer.biases),
      gradWeightNorm: norm2(layer.gradWeights.data),
      gradBiasNorm: norm2(layer.gradBiases),
      activationMean: mean,
      activationStd: Math.sqrt(Math.max(0, (count > 0 ? sumSq / count : 0) - mean * mean)),
      saturatedFraction: count > 0 ? saturated / count : 0,
      deadFraction: dead / layer.units,
      symmetry: layerSymmetry(layer, mlp.layers[l + 1] ?? null),
    };
  });
}
