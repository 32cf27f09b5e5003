// Suggested replacements in each framework's own idiom (He/Kaiming for the ReLU family,
// Xavier/Glorot for tanh/sigmoid) and the ignore-comment fix.
import type { Candidate, FixPlan } from './candidate';
import type { Activation, Fix, RuleCode, SourceLanguage } from './findings';
import type { Resolver } from './imports';
import type { Span } from './model';
import type { LineIndex } from './positions';

/** Dimension texts of a weight and which of them is the fan-in. */
export interface WeightDims {
  /** Source text of the whole shape ('(784, 128)', 'W.shape'). */
  shapeText: string;
  fanIn: string;
  fanOut: string;
}

/** Dims of a weight from dimension texts; `inFirst` for (in, out) layouts (NumPy, Keras, JAX, TF.js). */
export function weightDims(dims: string[] | undefined, inFirst: boolean, open = '(', close = ')', likeOf?: string): WeightDims | undefined {
  if (dims && dims.length >= 2) {
    const fanIn = inFirst ? dims[dims.length - 2] : dims[1];
    const fanOut = inFirst ? dims[dims.length - 1] : dims[0];
    return { shapeText: `${open}${dims.join(', ')}${close}`, fanIn, fanOut };
  }
  if (likeOf) return { shapeText: `${likeOf}.shape`, fanIn: `${likeOf}.shape[${inFirst ? 0 : 1}]`, fanOut: `${likeOf}.shape[${inFirst ? 1 : 0}]` };
  return undefined;
}

/** np.zeros(...) -> rng draw scaled by sqrt(2 / fan_in) or the Glorot uniform limit. */
export function numpyPlan(span: Span, r: Resolver, d: WeightDims): FixPlan {
  const np = r.spell('numpy', 'np');
  return {
    span,
    kaiming: `${np}.random.default_rng().standard_normal(${d.shapeText}) * ${np}.sqrt(2.0 / ${d.fanIn})`,
    xavier: `${np}.random.default_rng().uniform(-1.0, 1.0, ${d.shapeText}) * ${np}.sqrt(6.0 / (${d.fanIn} + ${d.fanOut}))`,
  };
}

/** An in-place constant fill of a tensor -> torch.nn.init.kaiming_normal_ / xavier_uniform_ on it. */
export function torchInitPlan(span: Span, r: Resolver, tensor: string): FixPlan {
  const init = r.spell('torch.nn.init', 'torch.nn.init');
  return { span, kaiming: `${init}.kaiming_normal_(${tensor}, nonlinearity='relu')`, xavier: `${init}.xavier_uniform_(${tensor})` };
}

/** torch.zeros(out, in) -> a scaled torch.randn / torch.rand draw. */
export function torchTensorPlan(span: Span, r: Resolver, d: WeightDims): FixPlan {
  const torch = r.spell('torch', 'torch');
  const dims = d.shapeText.replace(/^\(|\)$/g, '');
  return {
    span,
    kaiming: `${torch}.randn(${dims}) * (2.0 / ${d.fanIn}) ** 0.5`,
    xavier: `(${torch}.rand(${dims}) * 2 - 1) * (6.0 / (${d.fanIn} + ${d.fanOut})) ** 0.5`,
  };
}

/** A string initializer name ('zeros') -> another string in the same quotes. */
export function stringPlan(span: Span, quote: string, kaiming: string, xavier: string): FixPlan {
  return { span, kaiming: `${quote}${kaiming}${quote}`, xavier: `${quote}${xavier}${quote}` };
}

/** Replaces the last segment of a dotted callee (`keras.initializers.Zeros()` -> `keras.initializers.HeNormal()`). */
export function siblingPlan(span: Span, calleeText: string, kaiming: string, xavier: string): FixPlan {
  const dot = calleeText.lastIndexOf('.');
  const prefix = dot >= 0 ? calleeText.slice(0, dot + 1) : '';
  return { span, kaiming: prefix + kaiming, xavier: prefix + xavier };
}

/** tf.zeros([...]) -> tf.random.normal with He stddev, or a Glorot initializer call. */
export function tensorflowPlan(span: Span, r: Resolver, d: WeightDims): FixPlan {
  const tf = r.spell('tensorflow', 'tf');
  const keras = r.spell('keras.initializers', `${tf}.keras.initializers`);
  return {
    span,
    kaiming: `${tf}.random.normal(${d.shapeText}, stddev=(2.0 / ${d.fanIn}) ** 0.5)`,
    xavier: `${keras}.GlorotUniform()(${d.shapeText})`,
  };
}

/** jnp.zeros(shape) -> jax.nn.initializers.he_normal()(key, shape) / glorot_uniform(). */
export function jaxArrayPlan(span: Span, r: Resolver, shapeText: string): FixPlan {
  const jax = r.spell('jax', 'jax');
  const key = `${jax}.random.PRNGKey(0)`;
  return {
    span,
    kaiming: `${jax}.nn.initializers.he_normal()(${key}, ${shapeText})`,
    xavier: `${jax}.nn.initializers.glorot_uniform()(${key}, ${shapeText})`,
  };
}

/** A JAX-style initializer reference or factory -> he_normal() / glorot_uniform() from the same module. */
export function jaxInitPlan(span: Span, modulePrefix: string): FixPlan {
  return { span, kaiming: `${modulePrefix}he_normal()`, xavier: `${modulePrefix}glorot_uniform()` };
}

/** A Haiku initializer -> VarianceScaling in He or Glorot form. */
export function haikuPlan(span: Span, r: Resolver): FixPlan {
  const hk = r.spell('haiku', 'hk');
  return {
    span,
    kaiming: `${hk}.initializers.VarianceScaling(2.0, 'fan_in', 'truncated_normal')`,
    xavier: `${hk}.initializers.VarianceScaling(1.0, 'fan_avg', 'uniform')`,
  };
}

/** tf.zeros([in, out]) in TF.js -> tf.randomNormal / tf.randomUniform with He / Glorot scale. */
export function tfjsTensorPlan(span: Span, r: Resolver, d: WeightDims): FixPlan {
  const tf = r.spell('tfjs', 'tf');
  const limit = `Math.sqrt(6 / (${d.fanIn} + ${d.fanOut}))`;
  return {
    span,
    kaiming: `${tf}.randomNormal(${d.shapeText}, 0, Math.sqrt(2 / ${d.fanIn}))`,
    xavier: `${tf}.randomUniform(${d.shapeText}, -${limit}, ${limit})`,
  };
}

/** The comment that suppresses `code` on a line, in the language's comment syntax. */
export function ignoreComment(language: SourceLanguage, code?: RuleCode): string {
  const lead = language === 'python' ? '#' : '//';
  return `${lead} visualize-init: ignore${code ? `[${code}]` : ''}`;
}

/** Replacement fixes (preferred one first, by activation) followed by the ignore-comment fix. */
export function buildFixes(c: Candidate, activation: Activation, lines: LineIndex, language: SourceLanguage, code: RuleCode): Fix[] {
  const fixes: Fix[] = [];
  if (c.fix) {
    const range = lines.range(c.fix.span.from, c.fix.span.to);
    const xavierFirst = activation === 'tanh' || activation === 'sigmoid';
    const he: Fix = { title: 'Initialize with He/Kaiming (ReLU family)', kind: 'replace', initializer: 'kaimingNormal', preferred: !xavierFirst, edits: [{ range, newText: c.fix.kaiming }] };
    const glorot: Fix = { title: 'Initialize with Xavier/Glorot (tanh/sigmoid)', kind: 'replace', initializer: 'xavierUniform', preferred: xavierFirst, edits: [{ range, newText: c.fix.xavier }] };
    fixes.push(...(xavierFirst ? [glorot, he] : [he, glorot]));
  }
  const line = lines.lineOf(c.node.from);
  const end = lines.lineEnd(line);
  fixes.push({
    title: `Ignore ${code} on this line`,
    kind: 'ignore',
    preferred: false,
    edits: [{ range: lines.range(end, end), newText: `  ${ignoreComment(language, code)}` }],
  });
  return fixes;
}
