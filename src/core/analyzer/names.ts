// Reading intent from names: is `dW1` a gradient, `W1` a weight, `self.fc.bias` a bias, `bn3` a norm layer.

/** Memoizes a function of a name (names repeat across a file's statements); bounded by clearing. */
export function memoized<T>(f: (name: string) => T): (name: string) => T {
  const cache = new Map<string, T>();
  return (name) => {
    let v = cache.get(name);
    if (v === undefined && !cache.has(name)) {
      if (cache.size > 10_000) cache.clear();
      v = f(name);
      cache.set(name, v);
    }
    return v as T;
  };
}

/** Splits an identifier into lower-case tokens on '_' and camelCase boundaries (`fcWeight_2` -> fc, weight, 2). Memoized: the array is shared. */
export const tokens = memoized((name: string): readonly string[] => {
  const out: string[] = [];
  for (const part of name.split(/[_\s]+/)) {
    if (!part) continue;
    for (const t of part.split(/(?<=[a-z0-9])(?=[A-Z])/)) if (t) out.push(t.toLowerCase());
  }
  return out;
});

/** Segments of a dotted target without noise (`self.fc1.weight.data` -> fc1, weight). Memoized: the array is shared. */
export const segments = memoized((target: string): readonly string[] => target.split('.').filter((s) => s && s !== 'self' && s !== 'data' && s !== 'this' && s !== 'params' && s !== 'param'));

/** The last segment of a dotted target (see segments), or '' when there is none. */
export function lastSegment(target: string): string {
  const segs = segments(target);
  return segs.length > 0 ? segs[segs.length - 1] : '';
}

const NOT_WEIGHT = new Set(['d', 'grad', 'grads', 'gradient', 'delta', 'm', 'v', 'mom', 'momentum', 'velocity', 'vel', 'cache', 'moment', 'moments', 'accum', 'sum', 'ema', 'avg', 'mean', 'update', 'updates', 'mask', 'diff', 'old', 'prev', 'best', 'init', 'history', 'hist', 'sq', 'var', 'attention', 'attn', 'sample', 'samples', 'class', 'classes', 'loss', 'losses', 'ema', 'importance', 'example', 'instance', 'pixel', 'mixture', 'ensemble', 'averaged', 'running', 'shadow']);

/** True when a bare name reads as a weight matrix: W, W1, w_hidden, Wxh, weights, kernel (but not dW, grad_W, mW). */
export const isWeightName = memoized((name: string): boolean => {
  const raw = name.split(/[_\s]+/).filter(Boolean);
  const toks = tokens(name);
  if (toks.length === 0 || toks.some((t) => NOT_WEIGHT.has(t))) return false;
  if (toks.some((t) => t === 'weight' || t === 'weights' || t === 'kernel' || t === 'kernels')) return true;
  const first = raw[0] ?? '';
  return /^[Ww]\d*$/.test(toks[0]) || /^W[a-z]{1,3}\d*$/.test(first);
});

/** True when a name reads as a bias: b, b1, b_h, bh, bias, biases, fc_bias, bias_ih_l0. */
export const isBiasName = memoized((name: string): boolean => {
  const toks = tokens(name);
  if (toks.some((t) => t === 'bias' || t === 'biases')) return true;
  return /^b[a-z]?\d*$/.test(toks[0] ?? '') && toks[0] !== 'bn';
});

/** The last segment naming the layer of a target: `self.fc2.weight` -> fc2, `W2` -> W2, `params.W2` -> W2. Memoized (asked for every assignment). */
export const layerSegment = memoized((target: string): string | undefined => {
  const segs = segments(target);
  if (segs.length === 0) return undefined;
  const last = segs[segs.length - 1];
  const marker = last === 'weight' || last === 'kernel' || last === 'w' || last === 'bias' || last === 'b' || /init(ializer)?$/i.test(last);
  if (marker && segs.length > 1) return segs[segs.length - 2];
  return last;
});

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Where the number of a numbered layer name starts (`fc2` -> 2, `W_3` -> 2): letters, an optional
 * underscore, then digits to the end; -1 for any other name. A scan, not a pattern: every numbered
 * word of a file is asked (hints.ts, legit.ts), and a match result was garbage each time.
 */
function numberStart(name: string): number {
  let i = 0;
  while (i < name.length && isLetter(name.charCodeAt(i))) i++;
  if (i === 0) return -1;
  if (name.charCodeAt(i) === 95) i++;
  const digits = i;
  while (i < name.length && isDigit(name.charCodeAt(i))) i++;
  return i > digits && i === name.length ? digits : -1;
}

/** True when `name` is a numbered layer name (see numbered). */
export function isNumbered(name: string): boolean {
  return numberStart(name) >= 0;
}

/** Splits a numbered layer name into stem and number (`fc2` -> ['fc', 2], `W_3` -> ['w', 3]). */
export function numbered(name: string): [string, number] | undefined {
  const at = numberStart(name);
  if (at < 0) return undefined;
  const stemEnd = name.charCodeAt(at - 1) === 95 ? at - 1 : at;
  return [name.slice(0, stemEnd).toLowerCase(), Number(name.slice(at))];
}
