/**
 * Elementwise nonlinearities and their derivatives. Derivatives are taken with respect to the
 * pre-activation z; ReLU'(0) = 0 (so all-zero pre-activations pass no gradient, as in PyTorch).
 */
import type { FloatArray } from './matrix';

/** Names of the supported activations. */
export type ActivationName = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'gelu';

/** Every activation name, for validation and UI lists. */
export const ACTIVATIONS: readonly ActivationName[] = ['linear', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'gelu'];

/** Slope of leaky ReLU for z < 0 (PyTorch's default). */
export const LEAKY_RELU_SLOPE = 0.01;

const GELU_C = Math.sqrt(2 / Math.PI);

/** Logistic sigmoid, stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** GELU in its tanh form: 0.5 z (1 + tanh(sqrt(2/pi)(z + 0.044715 z^3))) (PyTorch approximate='tanh'). */
export function gelu(z: number): number {
  return 0.5 * z * (1 + Math.tanh(GELU_C * (z + 0.044715 * z * z * z)));
}

/** Derivative of the tanh-form GELU. */
export function geluDerivative(z: number): number {
  const u = GELU_C * (z + 0.044715 * z * z * z);
  const t = Math.tanh(u);
  return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * z * z);
}

/** a[i] = f(z[i]) for the first n elements. */
export function activate(name: ActivationName, z: FloatArray, a: FloatArray, n: number): void {
  switch (name) {
    case 'linear': for (let i = 0; i < n; i++) a[i] = z[i]; return;
    case 'sigmoid': for (let i = 0; i < n; i++) a[i] = sigmoid(z[i]); return;
    case 'tanh': for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]); return;
    case 'relu': for (let i = 0; i < n; i++) { const v = z[i]; a[i] = v > 0 ? v : 0; } return;
    case 'leakyRelu': for (let i = 0; i < n; i++) { const v = z[i]; a[i] = v > 0 ? v : LEAKY_RELU_SLOPE * v; } return;
    case 'gelu': for (let i = 0; i < n; i++) a[i] = gelu(z[i]); return;
  }
}

/** dz[i] = da[i] * f'(z[i]) for the first n elements; a holds f(z) (used by sigmoid and tanh). */
export function backpropActivation(name: ActivationName, z: FloatArray, a: FloatArray, da: FloatArray, dz: FloatArray, n: number): void {
  switch (name) {
    case 'linear': for (let i = 0; i < n; i++) dz[i] = da[i]; return;
    case 'sigmoid': for (let i = 0; i < n; i++) { const s = a[i]; dz[i] = da[i] * s * (1 - s); } return;
    case 'tanh': for (let i = 0; i < n; i++) { const t = a[i]; dz[i] = da[i] * (1 - t * t); } return;
    case 'relu': for (let i = 0; i < n; i++) dz[i] = z[i] > 0 ? da[i] : 0; return;
    case 'leakyRelu': for (let i = 0; i < n; i++) dz[i] = z[i] > 0 ? da[i] : LEAKY_RELU_SLOPE * da[i]; return;
    case 'gelu': for (let i = 0; i < n; i++) dz[i] = da[i] * geluDerivative(z[i]); return;
  }
}

/** Whether an activation value counts as saturated (sigmoid/tanh near their asymptotes) or dead (ReLU at 0). */
export function isSaturatedOrDead(name: ActivationName, z: number, a: number): boolean {
  switch (name) {
    case 'sigmoid': return a < 0.01 || a > 0.99;
    case 'tanh': return Math.abs(a) > 0.99;
    case 'relu': return z <= 0;
    case 'leakyRelu': return false;
    case 'gelu': return z < -3;
    case 'linear': return false;
  }
}
