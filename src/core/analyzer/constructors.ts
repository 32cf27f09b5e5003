// Table-driven constant array constructors shared by the TensorFlow, JAX and TF.js rules:
// `tf.zeros([a, b])`, `tf.fill(dims, c)`, `jnp.full(shape, c)`, `tf.constant(c, shape=...)`.
import type { Candidate, FixPlan, RuleContext, Site } from './candidate';
import { arg, callInfo, kindOf, scaled } from './common';
import type { Framework } from './findings';
import type { WeightDims } from './fixes';
import { weightDims } from './fixes';
import { numberOf, type Expr, type Statement } from './model';
import { readShape } from './shape';

/** How one constructor spells its shape and value. */
export interface ConstructorSpec {
  /** Constant value, or the index/keyword of the value argument. */
  value: number | { index: number; name: string };
  /** Index/keyword of the shape argument, or 'like' for *_like(x). */
  shape: { index: number; name: string } | 'like';
}

/** Reports `name(...)` of a module (`tensorflow.zeros`) as a constant weight when its site is a weight. */
export function arrayConstructor(
  e: Expr,
  site: Site,
  stmt: Statement,
  ctx: RuleContext,
  module: string,
  table: Readonly<Record<string, ConstructorSpec>>,
  framework: (site: Site) => Framework,
  plan: (span: Expr, d: WeightDims | undefined, shapeText: string) => FixPlan | undefined,
  open = '(',
  close = ')',
): Candidate | undefined {
  const info = callInfo(e, ctx);
  if (!info?.q || !info.q.startsWith(`${module}.`)) return undefined;
  const spec = table[info.q.slice(module.length + 1)];
  if (!spec) return undefined;
  const call = info.call;
  const base = typeof spec.value === 'number' ? spec.value : numberOf(arg(call, spec.value.index, spec.value.name));
  if (base === undefined) return undefined;
  const value = scaled(base, site);
  const src = ctx.src;
  const shapeArg = spec.shape === 'like' ? undefined : arg(call, spec.shape.index, spec.shape.name);
  const info2 = shapeArg ? readShape(shapeArg, src) : undefined;
  const likeOf = spec.shape === 'like' && call.args[0] ? src(call.args[0]) : undefined;
  const c: Candidate = { code: 'VI001', framework: framework(site), kind: kindOf(value), node: call, stmt, value, target: site.target, weightKnown: !!site.wrapper };
  if (info2) {
    c.dims = info2.dims;
    if (info2.shape) {
      c.shape = info2.shape;
      if (info2.shape.length === 2) {
        c.fanIn = info2.shape[0];
        c.units = info2.shape[1];
      }
    }
  }
  const d = weightDims(info2?.dims, true, open, close, likeOf);
  const shapeText = shapeArg ? src(shapeArg) : likeOf ? `${likeOf}.shape` : '';
  const fix = shapeText ? plan(call, d, shapeText) : undefined;
  if (fix) c.fix = fix;
  return c;
}
