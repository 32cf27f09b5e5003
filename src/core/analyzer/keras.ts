// TensorFlow / Keras array rules: tf.zeros/ones/fill/constant/zeros_like as weights (tf.Variable,
// kernel.assign, plain weight names). Initializer keywords live in initializers.ts.
import type { ExprRule } from './candidate';
import { callInfo } from './common';
import { arrayConstructor, type ConstructorSpec } from './constructors';
import { tensorflowPlan } from './fixes';

const TF: Readonly<Record<string, ConstructorSpec>> = {
  zeros: { value: 0, shape: { index: 0, name: 'shape' } },
  ones: { value: 1, shape: { index: 0, name: 'shape' } },
  fill: { value: { index: 1, name: 'value' }, shape: { index: 0, name: 'dims' } },
  constant: { value: { index: 0, name: 'value' }, shape: { index: 1, name: 'shape' } },
  zeros_like: { value: 0, shape: 'like' },
  ones_like: { value: 1, shape: 'like' },
};

/** tf.zeros(...) and friends assigned to a weight or wrapped in tf.Variable. */
export const tensorflowArrays: ExprRule = (e, site, stmt, ctx) => {
  if (e.kind !== 'call' || !callInfo(e, ctx)?.q?.startsWith('tensorflow.')) return undefined;
  const c = tensorflowConstructor(e, site, stmt, ctx);
  if (!c) return undefined;
  // tf.constant(c) without a shape is a scalar, not a weight matrix.
  if (ctx.src(e.callee).endsWith('constant') && !c.dims) return undefined;
  return c;
};

/** Apart from the rule: a function whose closures capture its parameters allocates their context on every call, also when it returns early. */
const tensorflowConstructor: ExprRule = (e, site, stmt, ctx) =>
  arrayConstructor(e, site, stmt, ctx, 'tensorflow', TF, () => 'tensorflow', (span, d) => (d ? tensorflowPlan(span, ctx.resolver, d) : undefined), '[', ']');
