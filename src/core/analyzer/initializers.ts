// Initializers passed to layers: `kernel_initializer='zeros'`, `Constant(0.5)`,
// `kernel_init=nn.initializers.zeros`, `w_init=hk.initializers.Constant(c)`, `w_init=jnp.zeros`,
// `tf.zeros_initializer()`, and TF.js `kernelInitializer: 'zeros'` / `tf.initializers.constant({value})`.
import { activationOfExpr } from './activation';
import type { Candidate, ExprRule, FixPlan, RuleContext, Site } from './candidate';
import { arg, callInfo, kindOf } from './common';
import type { Framework } from './findings';
import { haikuPlan, jaxInitPlan, siblingPlan, stringPlan } from './fixes';
import { kwarg, numberOf, type Expr, type Statement } from './model';

/** Keyword / property names whose value initializes a weight matrix (not a bias, not a norm scale). */
const KERNEL_KEYS = new Set([
  'kernel_initializer',
  'recurrent_initializer',
  'depthwise_initializer',
  'pointwise_initializer',
  'kernel_init',
  'recurrent_kernel_init',
  'w_init',
  'init',
  'initializer',
  'kernelInitializer',
  'recurrentInitializer',
  'depthwiseInitializer',
  'pointwiseInitializer',
]);

/** A recognised constant initializer: its value, framework and how to replace it. */
interface InitValue {
  value: number;
  framework: Framework;
  fix: FixPlan;
}

const STRING_INITS: Readonly<Record<string, number>> = { zeros: 0, zero: 0, Zeros: 0, ones: 1, one: 1, Ones: 1, constant: 0, Constant: 0 };

function stringInit(e: Expr & { kind: 'str' }, ctx: RuleContext, js: boolean): InitValue | undefined {
  const value = STRING_INITS[e.value];
  if (value === undefined) return undefined;
  const quote = ctx.src(e).charAt(0);
  return js
    ? { value, framework: 'tfjs', fix: stringPlan(e, quote, 'heNormal', 'glorotUniform') }
    : { value, framework: 'keras', fix: stringPlan(e, quote, 'he_normal', 'glorot_uniform') };
}

/** Classifies an initializer expression; undefined when it is not a constant initializer. */
export function constantInitializer(e: Expr, ctx: RuleContext, js: boolean): InitValue | undefined {
  if (e.kind === 'str') return stringInit(e, ctx, js);
  if (e.kind === 'name') {
    const q = ctx.resolver.qualify(e.parts);
    if (!q) return undefined;
    const text = ctx.src(e);
    const modulePrefix = text.slice(0, text.length - e.parts[e.parts.length - 1].length);
    if (q === 'jax.nn.initializers.zeros' || q === 'jax.nn.initializers.ones') {
      const flax = ctx.resolver.imports('flax');
      return { value: q.endsWith('zeros') ? 0 : 1, framework: flax ? 'flax' : 'jax', fix: jaxInitPlan(e, modulePrefix) };
    }
    if (q === 'jax.numpy.zeros' || q === 'jax.numpy.ones') return { value: q.endsWith('zeros') ? 0 : 1, framework: 'haiku', fix: haikuPlan(e, ctx.resolver) };
    return undefined;
  }
  const info = callInfo(e, ctx);
  if (!info?.q) return undefined;
  const q = info.q;
  const call = info.call;
  const calleeText = ctx.src(call.callee);
  const last = q.slice(q.lastIndexOf('.') + 1);
  if (q.startsWith('keras.initializers.') || q.startsWith('tensorflow.initializers.') || q.startsWith('tensorflow.keras.initializers.')) {
    const lower = last.toLowerCase();
    const value = lower === 'zeros' || lower === 'zero' ? 0 : lower === 'ones' || lower === 'one' ? 1 : lower === 'constant' ? (numberOf(arg(call, 0, 'value')) ?? (call.args.length === 0 ? 0 : undefined)) : undefined;
    if (value === undefined) return undefined;
    const capital = last.charAt(0) === last.charAt(0).toUpperCase();
    return { value, framework: 'keras', fix: siblingPlan(call, calleeText, capital ? 'HeNormal()' : 'he_normal()', capital ? 'GlorotUniform()' : 'glorot_uniform()') };
  }
  if (q === 'tensorflow.zeros_initializer' || q === 'tensorflow.ones_initializer' || q === 'tensorflow.constant_initializer') {
    const value = q.endsWith('zeros_initializer') ? 0 : q.endsWith('ones_initializer') ? 1 : (numberOf(arg(call, 0, 'value')) ?? (call.args.length === 0 ? 0 : undefined));
    if (value === undefined) return undefined;
    const tf = ctx.resolver.spell('tensorflow', 'tf');
    return { value, framework: 'tensorflow', fix: { span: call, kaiming: `${tf}.keras.initializers.HeNormal()`, xavier: `${tf}.keras.initializers.GlorotUniform()` } };
  }
  if (q.startsWith('jax.nn.initializers.')) {
    const value = last === 'zeros_init' ? 0 : last === 'ones_init' ? 1 : last === 'constant' ? numberOf(arg(call, 0, 'value')) : undefined;
    if (value === undefined) return undefined;
    const prefix = calleeText.slice(0, calleeText.length - last.length);
    return { value, framework: ctx.resolver.imports('flax') ? 'flax' : 'jax', fix: jaxInitPlan(call, prefix) };
  }
  if (q === 'haiku.initializers.Constant') {
    const value = numberOf(arg(call, 0, 'constant'));
    if (value === undefined) return undefined;
    return { value, framework: 'haiku', fix: haikuPlan(call, ctx.resolver) };
  }
  if (q === 'tfjs.initializers.zeros' || q === 'tfjs.initializers.ones' || q === 'tfjs.initializers.constant') {
    let value: number | undefined = last === 'zeros' ? 0 : last === 'ones' ? 1 : undefined;
    if (last === 'constant') {
      const cfg = call.args[0];
      value = cfg && cfg.kind === 'object' ? numberOf(kwarg({ kwargs: cfg.props }, 'value')?.value) : undefined;
    }
    if (value === undefined) return undefined;
    return { value, framework: 'tfjs', fix: siblingPlan(call, calleeText, 'heNormal({})', 'glorotUniform({})') };
  }
  return undefined;
}

function units(call: Expr | undefined): { units?: number; fanIn?: number } {
  if (!call || call.kind !== 'call') return {};
  const cfg = call.args[0]?.kind === 'object' ? call.args[0] : undefined;
  if (cfg) {
    const u = numberOf(kwarg({ kwargs: cfg.props }, 'units')?.value);
    const shape = kwarg({ kwargs: cfg.props }, 'inputShape')?.value;
    const fin = numberOf(kwarg({ kwargs: cfg.props }, 'inputDim')?.value) ?? (shape?.kind === 'seq' && shape.items.length === 1 ? numberOf(shape.items[0]) : undefined);
    return { units: u, fanIn: fin };
  }
  const named = numberOf((kwarg(call, 'units') ?? kwarg(call, 'features') ?? kwarg(call, 'output_size') ?? kwarg(call, 'out_features'))?.value);
  const inShape = kwarg(call, 'input_shape')?.value;
  let fanIn = numberOf((kwarg(call, 'input_dim') ?? kwarg(call, 'in_features'))?.value);
  if (fanIn === undefined && inShape?.kind === 'seq' && inShape.items.length === 1) fanIn = numberOf(inShape.items[0]);
  const callee = call.callee.kind === 'name' ? call.callee.parts[call.callee.parts.length - 1] : '';
  const p0 = numberOf(call.args[0]);
  const p1 = numberOf(call.args[1]);
  // nnx.Linear(in, out) and torch-like signatures take (in, out); Keras/Flax/Haiku take (units).
  if (p1 !== undefined && /^Linear$/.test(callee)) return { units: named ?? p1, fanIn: fanIn ?? p0 };
  return { units: named ?? p0, fanIn };
}

/** True for layers whose initializer keyword sets something that is not a hidden weight matrix. */
function isExemptLayer(call: Expr | undefined, ctx: RuleContext): boolean {
  if (!call || call.kind !== 'call') return false;
  const text = ctx.src(call.callee);
  return /Norm|Embed|embedding|batchNormalization|layerNormalization/.test(text);
}

/** Initializer keyword arguments and config properties of layers, in every framework. */
export const initializerArguments: ExprRule = (e: Expr, site: Site, stmt: Statement, ctx: RuleContext): Candidate | undefined => {
  if (!site.kwarg || !KERNEL_KEYS.has(site.kwarg)) return undefined;
  const js = !ctx.resolver.python;
  const init = constantInitializer(e, ctx, js);
  if (!init) return undefined;
  if (isExemptLayer(site.layerCall, ctx)) return undefined;
  const layer = site.layerCall;
  const act = layer && layer.kind === 'call' ? activationOfExpr((kwarg(layer, 'activation') ?? (layer.args[0]?.kind === 'object' ? kwarg({ kwargs: layer.args[0].props }, 'activation') : undefined))?.value, ctx.src) : undefined;
  const sizes = units(layer);
  const c: Candidate = {
    code: 'VI001',
    framework: init.framework,
    kind: kindOf(init.value),
    node: e,
    stmt,
    value: init.value,
    target: site.target,
    weightKnown: site.kwarg !== 'init' && site.kwarg !== 'initializer',
    layerCall: layer,
    fix: init.fix,
  };
  if (act) c.activation = act;
  else if ((init.framework === 'keras' || init.framework === 'tfjs') && layer && layer.kind === 'call' && !/softmax/.test(ctx.src(layer))) c.activation = 'linear';
  if (sizes.units !== undefined) c.units = sizes.units;
  if (sizes.fanIn !== undefined) c.fanIn = sizes.fanIn;
  if (sizes.units !== undefined && sizes.fanIn !== undefined) c.shape = [sizes.fanIn, sizes.units];
  if (act === undefined && layer && layer.kind === 'call' && /softmax/.test(ctx.src(layer))) c.target = `${c.target ?? ''}.output_head`;
  return c;
};
