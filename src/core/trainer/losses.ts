/**
 * Losses, averaged over the batch. MSE averages over every element (as torch.nn.MSELoss), binary
 * cross-entropy is computed from the logit z of a sigmoid output (stable: softplus(z) - y z), softmax
 * cross-entropy from the logits of a linear output. Each returns the loss and writes dL/dz of the
 * output layer's pre-activation.
 */
import { sigmoid, type ActivationName, backpropActivation } from './activations';
import type { LossName } from './config';
import type { FloatArray } from './matrix';

/** log(sum_j exp(z[o + j])) over one row of logits, shifted by the row's max so exp cannot overflow. */
function rowLogSumExp(z: FloatArray, o: number, width: number): number {
  let max = -Infinity;
  for (let j = 0; j < width; j++) max = Math.max(max, z[o + j]);
  let sum = 0;
  for (let j = 0; j < width; j++) sum += Math.exp(z[o + j] - max);
  return max + Math.log(sum);
}

/** Loss of n rows of outputs (width `width`) against targets y; writes dL/dz into dz. da is scratch. */
export function lossAndGradient(
  loss: LossName, activation: ActivationName,
  z: FloatArray, a: FloatArray, y: FloatArray, n: number, width: number,
  dz: FloatArray, da: FloatArray,
): number {
  const count = n * width;
  switch (loss) {
    case 'mse': {
      let s = 0;
      for (let i = 0; i < count; i++) {
        const d = a[i] - y[i];
        s += d * d;
        da[i] = (2 * d) / count;
      }
      backpropActivation(activation, z, a, da, dz, count);
      return s / count;
    }
    case 'bce': {
      let s = 0;
      for (let i = 0; i < count; i++) {
        const v = z[i];
        s += Math.max(v, 0) - v * y[i] + Math.log1p(Math.exp(-Math.abs(v)));
        dz[i] = (sigmoid(v) - y[i]) / count;
      }
      return s / count;
    }
    case 'softmaxCrossEntropy': {
      let s = 0;
      for (let r = 0; r < n; r++) {
        const o = r * width;
        const logSum = rowLogSumExp(z, o, width);
        for (let j = 0; j < width; j++) {
          const logp = z[o + j] - logSum;
          s -= y[o + j] * logp;
          dz[o + j] = (Math.exp(logp) - y[o + j]) / n;
        }
      }
      return s / n;
    }
  }
}

/** Loss only (no gradient), for evaluation. */
export function lossValue(loss: LossName, z: FloatArray, a: FloatArray, y: FloatArray, n: number, width: number): number {
  const count = n * width;
  let s = 0;
  switch (loss) {
    case 'mse':
      for (let i = 0; i < count; i++) { const d = a[i] - y[i]; s += d * d; }
      return s / count;
    case 'bce':
      for (let i = 0; i < count; i++) { const v = z[i]; s += Math.max(v, 0) - v * y[i] + Math.log1p(Math.exp(-Math.abs(v))); }
      return s / count;
    case 'softmaxCrossEntropy':
      for (let r = 0; r < n; r++) {
        const o = r * width;
        const logSum = rowLogSumExp(z, o, width);
        for (let j = 0; j < width; j++) s -= y[o + j] * (z[o + j] - logSum);
      }
      return s / n;
  }
}
