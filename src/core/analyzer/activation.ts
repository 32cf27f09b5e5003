// Which activation a layer feeds: named on the layer (`activation='tanh'`) or, failing that, the
// family the file uses. Decides He/Kaiming vs Xavier/Glorot and whether the ReLU trap applies.
import type { Activation } from './findings';
import { numberOf, type Expr, type Program, type Statement } from './model';

const RELU = new Set(['relu', 'ReLU', 'relu6', 'ReLU6', 'leaky_relu', 'LeakyReLU', 'leakyRelu', 'leakyReLU', 'elu', 'ELU', 'selu', 'SELU', 'gelu', 'GELU', 'silu', 'SiLU', 'swish', 'mish', 'Mish', 'relu_', 'prelu', 'PReLU']);
const TANH = new Set(['tanh', 'Tanh', 'tanh_', 'softsign', 'Softsign']);
const SIGMOID = new Set(['sigmoid', 'Sigmoid', 'expit', 'hard_sigmoid', 'sigmoid_', 'logistic']);

/** Every name activationOfName recognises without a dotted prefix. */
export const ACTIVATION_NAMES: ReadonlySet<string> = new Set([...RELU, ...TANH, ...SIGMOID, 'linear', 'None', 'identity']);

/** Activation family of one name or string ('relu', 'nn.Tanh', 'tf.nn.sigmoid'), if recognised. */
export function activationOfName(name: string): Activation | undefined {
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (RELU.has(last)) return 'relu';
  if (TANH.has(last)) return 'tanh';
  if (SIGMOID.has(last)) return 'sigmoid';
  if (last === 'linear' || last === 'None' || last === 'identity') return 'linear';
  return undefined;
}

/** Activation given by an `activation=` keyword value (string, name or call). */
export function activationOfExpr(e: Expr | undefined, src: (e: Expr) => string): Activation | undefined {
  if (!e) return undefined;
  if (e.kind === 'str') return activationOfName(e.value);
  if (e.kind === 'name' || e.kind === 'member') return activationOfName(src(e));
  if (e.kind === 'call') return activationOfExpr(e.callee, src);
  return undefined;
}

/**
 * The activation family a file uses: ReLU family wins (np.maximum(0, x) counts: `maximumOfZero`
 * tells, per program, whether a statement has one), then tanh, then sigmoid.
 */
export function programActivation(programs: readonly Program[], maximumOfZero: readonly boolean[]): Activation {
  let tanh = false;
  let sigmoid = false;
  for (let i = 0; i < programs.length; i++) {
    const p = programs[i];
    for (const w of p.words) {
      const a = activationOfName(w);
      if (a === 'relu') return 'relu';
      if (a === 'tanh') tanh = true;
      if (a === 'sigmoid') sigmoid = true;
    }
    if (p.words.has('maximum') && maximumOfZero[i]) return 'relu';
  }
  return tanh ? 'tanh' : sigmoid ? 'sigmoid' : 'unknown';
}

/** True when a statement calls `maximum(0, x)` (a ReLU written by hand). */
export function usesMaximumZero(s: Statement, stack: Expr[]): boolean {
  stack.push(s.value);
  while (stack.length) {
    const e = stack.pop() as Expr;
    if (e.kind === 'call') {
      const callee = e.callee.kind === 'name' ? e.callee.parts[e.callee.parts.length - 1] : undefined;
      if (callee === 'maximum' && e.args.some((a) => numberOf(a) === 0)) {
        stack.length = 0;
        return true;
      }
      for (const a of e.args) stack.push(a);
    } else if (e.kind === 'binary') stack.push(e.left, e.right);
    else if (e.kind === 'other') for (const c of e.children) stack.push(c);
  }
  return false;
}
