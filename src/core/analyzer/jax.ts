// JAX / Flax / Haiku / Equinox array rules: jnp.zeros/ones/full/*_like as weights (params dicts,
// plain weight names, eqx.tree_at replacements). Initializer keywords live in initializers.ts.
import type { ExprRule, Site } from './candidate';
import { callInfo } from './common';
import { arrayConstructor, type ConstructorSpec } from './constructors';
import type { Framework } from './findings';
import { jaxArrayPlan } from './fixes';

const JNP: Readonly<Record<string, ConstructorSpec>> = {
  zeros: { value: 0, shape: { index: 0, name: 'shape' } },
  ones: { value: 1, shape: { index: 0, name: 'shape' } },
  full: { value: { index: 1, name: 'fill_value' }, shape: { index: 0, name: 'shape' } },
  zeros_like: { value: 0, shape: 'like' },
  ones_like: { value: 1, shape: 'like' },
  full_like: { value: { index: 1, name: 'fill_value' }, shape: 'like' },
};

/** jnp constant arrays placed as weights; an eqx.tree_at replacement is Equinox. */
export const jaxArrays: ExprRule = (e, site, stmt, ctx) => (callInfo(e, ctx)?.q?.startsWith('jax.numpy.') ? jaxConstructor(e, site, stmt, ctx) : undefined);

/** Apart from the rule: a function whose closures capture its parameters allocates their context on every call, also when it returns early. */
const jaxConstructor: ExprRule = (e, site, stmt, ctx) => {
  const equinox = stmt.value.kind === 'call' && ctx.resolver.qualifyExpr(stmt.value.callee) === 'equinox.tree_at';
  const framework = (s: Site): Framework => (equinox ? 'equinox' : s.wrapper?.startsWith('flax') ? 'flax' : 'jax');
  const c = arrayConstructor(e, site, stmt, ctx, 'jax.numpy', JNP, framework, (span, _d, shapeText) => jaxArrayPlan(span, ctx.resolver, shapeText));
  if (c && c.framework === 'equinox') c.weightKnown = true;
  return c;
};
