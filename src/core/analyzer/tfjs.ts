// TensorFlow.js array rules: tf.zeros/ones/fill/zerosLike as weights (tf.variable, setWeights,
// plain weight names). Initializer config properties live in initializers.ts.
import type { ExprRule } from './candidate';
import { callInfo } from './common';
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
export const tfjsArrays: ExprRule = (e, site, stmt, ctx) => (callInfo(e, ctx)?.q?.startsWith('tfjs.') ? tfjsConstructor(e, site, stmt, ctx) : undefined);

/** Apart from the rule: a function whose closures capture its parameters allocates their context on every call, also when it returns early. */
const tfjsConstructor: ExprRule = (e, site, stmt, ctx) =>
  arrayConstructor(e, site, stmt, ctx, 'tfjs', TFJS, () => 'tfjs', (span, d) => (d ? tfjsTensorPlan(span, ctx.resolver, d) : undefined), '[', ']');
