// TensorFlow.js array rules: tf.zeros/ones/fill/zerosLike as weights (tf.variable, setWeights,
// plain weight names). Initializer config properties live in initializers.ts.
import type { ExprRule } from './candidate';
import { arrayConstructor, type ConstructorSpec } from './constructors';
import { tfjsTensorPlan } from './fixes';

const TFJS: Readonly<Record<string, ConstructorSpec>> = {
  zeros: { value: 0, shape: { index: 0, name: 'shape' } },
  ones: { value: 1, shape: { index: 0, name: 'shape' } },
  fill: { value: { index: 1, name: 'value' }, shape: { index: 0, name: 'shape' } },
  zerosLike: { value: 0, shape: 'like' },
  onesLike: { value: 1, shape: 'like' },
};

/** tf.zeros([...]) and friends in TF.js placed as weights. */
export const tfjsArrays: ExprRule = (e, site, stmt, ctx) =>
  arrayConstructor(e, site, stmt, ctx, 'tfjs', TFJS, () => 'tfjs', (span, d) => (d ? tfjsTensorPlan(span, ctx.resolver, d) : undefined), '[', ']');
