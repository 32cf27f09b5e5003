import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVATIONS, MLP, Rng, lossAndGradient, lossValue, type ActivationName, type LossName } from '../../../src/core/trainer/index';
import { dense } from './helpers';

/**
 * Central finite differences in float64 mode against the analytic backward pass, for every hidden
 * activation x loss (and, for MSE, every output activation). Tolerance: relative error <= 1e-5 (issue: 1e-3),
 * with h = 1e-5 and a 1e-5 floor on the denominator so that near-zero gradients compare absolutely.
 */
function gradientCheck(hidden: ActivationName, output: ActivationName, loss: LossName): number {
  const rng = new Rng(1234);
  const n = 5, inputs = 3, outputs = loss === 'bce' ? 1 : 4;
  const layers = [
    dense(4, hidden, { kind: 'normal', mean: 0, std: 0.8 }, { kind: 'normal', mean: 0, std: 0.3 }),
    dense(3, hidden, { kind: 'normal', mean: 0, std: 0.8 }, { kind: 'normal', mean: 0, std: 0.3 }),
    dense(outputs, output, { kind: 'normal', mean: 0, std: 0.8 }, { kind: 'normal', mean: 0, std: 0.3 }),
  ];
  const mlp = new MLP(inputs, layers, n, 'float64');
  mlp.initialize(layers, rng);
  const x = Float64Array.from({ length: n * inputs }, () => rng.normal());
  const y = new Float64Array(n * outputs);
  for (let r = 0; r < n; r++) {
    if (loss === 'mse') for (let j = 0; j < outputs; j++) y[r * outputs + j] = rng.normal();
    else if (loss === 'bce') y[r] = rng.nextInt(2);
    else y[r * outputs + rng.nextInt(outputs)] = 1;
  }
  const last = layers.length - 1;
  const f = (): number => {
    mlp.forward(x, n, null);
    return lossValue(loss, mlp.preActivations(last), mlp.activations(last), y, n, outputs);
  };
  mlp.forward(x, n, null);
  lossAndGradient(loss, output, mlp.preActivations(last), mlp.activations(last), y, n, outputs, mlp.outputGradient, mlp.outputScratch);
  mlp.backward(x, n);
  let worst = 0;
  const h = 1e-5;
  for (const p of mlp.parameters()) {
    for (let i = 0; i < p.value.length; i++) {
      const keep = p.value[i];
      p.value[i] = keep + h;
      const up = f();
      p.value[i] = keep - h;
      const down = f();
      p.value[i] = keep;
      const numeric = (up - down) / (2 * h);
      const analytic = p.grad[i];
      const err = Math.abs(numeric - analytic) / Math.max(1e-5, Math.abs(numeric) + Math.abs(analytic));
      worst = Math.max(worst, err);
    }
  }
  return worst;
}

for (const hidden of ACTIVATIONS) {
  for (const output of ACTIVATIONS) {
    test(`gradient check: hidden ${hidden}, output ${output}, mse`, () => {
      const err = gradientCheck(hidden, output, 'mse');
      assert.ok(err <= 1e-5, `relative error ${err}`);
    });
  }
  test(`gradient check: hidden ${hidden}, sigmoid output, bce`, () => {
    const err = gradientCheck(hidden, 'sigmoid', 'bce');
    assert.ok(err <= 1e-5, `relative error ${err}`);
  });
  test(`gradient check: hidden ${hidden}, linear logits, softmax cross-entropy`, () => {
    const err = gradientCheck(hidden, 'linear', 'softmaxCrossEntropy');
    assert.ok(err <= 1e-5, `relative error ${err}`);
  });
}

test('gradient check detects a wrong derivative (the check can fail)', () => {
  const rng = new Rng(5);
  const layers = [dense(2, 'tanh', { kind: 'normal', mean: 0, std: 1 }), dense(1, 'linear', { kind: 'normal', mean: 0, std: 1 })];
  const mlp = new MLP(2, layers, 3, 'float64');
  mlp.initialize(layers, rng);
  const x = Float64Array.from({ length: 6 }, () => rng.normal());
  const y = Float64Array.from({ length: 3 }, () => rng.normal());
  mlp.forward(x, 3, null);
  lossAndGradient('mse', 'linear', mlp.preActivations(1), mlp.activations(1), y, 3, 1, mlp.outputGradient, mlp.outputScratch);
  mlp.outputGradient[0] *= 1.01;
  mlp.backward(x, 3);
  const w = mlp.layers[0].weights.data, g = mlp.layers[0].gradWeights.data;
  const keep = w[0];
  const f = (): number => { mlp.forward(x, 3, null); return lossValue('mse', mlp.preActivations(1), mlp.activations(1), y, 3, 1); };
  w[0] = keep + 1e-6; const up = f();
  w[0] = keep - 1e-6; const down = f();
  w[0] = keep;
  const numeric = (up - down) / 2e-6;
  assert.ok(Math.abs(numeric - g[0]) / (Math.abs(numeric) + Math.abs(g[0])) > 1e-5);
});
