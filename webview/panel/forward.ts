// A tiny pure forward pass over snapshot weights, for the input-plane thumbnails and the decision
// boundary (the webview redraws them from each snapshot without asking the worker).
import { LEAKY_RELU_SLOPE, gelu, sigmoid, type ActivationName } from '../../src/core/trainer/activations';
import type { Layer } from './arrays';

/** Applies an activation to one value (same definitions as core/trainer). */
export function activation(name: ActivationName, z: number): number {
  switch (name) {
    case 'linear': return z;
    case 'sigmoid': return sigmoid(z);
    case 'tanh': return Math.tanh(z);
    case 'relu': return z > 0 ? z : 0;
    case 'leakyRelu': return z > 0 ? z : LEAKY_RELU_SLOPE * z;
    case 'gelu': return gelu(z);
  }
}

/**
 * Evaluates the network on `points` (n x inputs, row-major) and returns every layer's activations:
 * out[l] is n x layers[l].rows.
 */
export function forwardAll(layers: readonly Layer[], activations: readonly ActivationName[], points: Float32Array, n: number): Float32Array[] {
  const out: Float32Array[] = [];
  let input = points;
  for (let l = 0; l < layers.length; l++) {
    const { rows, cols, weights, biases } = layers[l];
    const act = activations[l] ?? 'linear';
    const a = new Float32Array(n * rows);
    for (let s = 0; s < n; s++) {
      for (let u = 0; u < rows; u++) {
        let z = biases[u];
        for (let k = 0; k < cols; k++) z += weights[u * cols + k] * input[s * cols + k];
        a[s * rows + u] = activation(act, z);
      }
    }
    out.push(a);
    input = a;
  }
  return out;
}

/** A g x g grid of points covering [lo, hi]^2 (row 0 at the top = highest y). */
export function planeGrid(g: number, lo: number, hi: number): Float32Array {
  const p = new Float32Array(g * g * 2);
  for (let r = 0; r < g; r++) {
    for (let c = 0; c < g; c++) {
      p[2 * (r * g + c)] = lo + ((c + 0.5) / g) * (hi - lo);
      p[2 * (r * g + c) + 1] = hi - ((r + 0.5) / g) * (hi - lo);
    }
  }
  return p;
}
