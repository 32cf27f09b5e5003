/**
 * Optimizers: SGD, momentum (heavy ball or Nesterov, in PyTorch's formulation) and Adam. Weight
 * decay terms are added to the gradient of parameters marked `decay` (weights, not biases):
 * L2 adds l2 * w (the gradient of l2/2 ||w||^2) and L1 adds l1 * sign(w), with sign(0) = 0.
 * Every update is elementwise, so parameters that are equal stay equal.
 */
import type { OptimizerConfig } from './config';
import { allocFloat, type FloatArray, type Precision } from './matrix';

/** A trainable array and its gradient; `decay` says whether L1/L2 apply. */
export interface Parameter {
  value: FloatArray;
  grad: FloatArray;
  decay: boolean;
}

/** Applies one update to every parameter from its gradient. */
export interface Optimizer {
  step(): void;
}

/** Regularization strengths. */
export interface Regularization {
  l1: number;
  l2: number;
}

/** Builds the optimizer for a fixed list of parameters; its state is allocated once here. */
export function createOptimizer(config: OptimizerConfig, params: Parameter[], reg: Regularization, precision: Precision): Optimizer {
  const { l1, l2 } = reg;
  const effectiveGrad = (p: Parameter, i: number): number => {
    let g = p.grad[i];
    if (p.decay) {
      const w = p.value[i];
      if (l2 !== 0) g += l2 * w;
      if (l1 !== 0) g += l1 * (w > 0 ? 1 : w < 0 ? -1 : 0);
    }
    return g;
  };
  switch (config.kind) {
    case 'sgd': {
      const lr = config.lr;
      return {
        step(): void {
          for (const p of params) {
            const w = p.value;
            for (let i = 0; i < w.length; i++) w[i] -= lr * effectiveGrad(p, i);
          }
        },
      };
    }
    case 'momentum': {
      const { lr, momentum: mu } = config;
      const nesterov = config.nesterov ?? false;
      const velocity = params.map((p) => allocFloat(p.value.length, precision));
      return {
        step(): void {
          params.forEach((p, k) => {
            const w = p.value, v = velocity[k];
            for (let i = 0; i < w.length; i++) {
              const g = effectiveGrad(p, i);
              const vi = mu * v[i] + g;
              v[i] = vi;
              w[i] -= lr * (nesterov ? g + mu * vi : vi);
            }
          });
        },
      };
    }
    case 'adam': {
      const lr = config.lr, b1 = config.beta1 ?? 0.9, b2 = config.beta2 ?? 0.999, eps = config.epsilon ?? 1e-8;
      const m1 = params.map((p) => allocFloat(p.value.length, precision));
      const m2 = params.map((p) => allocFloat(p.value.length, precision));
      let t = 0;
      return {
        step(): void {
          t++;
          const c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
          params.forEach((p, k) => {
            const w = p.value, m = m1[k], v = m2[k];
            for (let i = 0; i < w.length; i++) {
              const g = effectiveGrad(p, i);
              const mi = b1 * m[i] + (1 - b1) * g;
              const vi = b2 * v[i] + (1 - b2) * g * g;
              m[i] = mi;
              v[i] = vi;
              w[i] -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
            }
          });
        },
      };
    }
  }
}
