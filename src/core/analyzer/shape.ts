// Reading shapes from initializer arguments: `(784, 128)`, `[3, 4]`, `out, in` (torch varargs), `n`.
import { numberOf, type Expr } from './model';

/** A shape as far as it can be read: dimension texts always, numbers when every dimension is a literal. */
export interface ShapeInfo {
  dims: string[];
  shape?: number[];
}

/** Reads a shape from one shape argument (tuple/list/number); undefined when its rank is unknown (a variable). */
export function readShape(arg: Expr | undefined, src: (e: Expr) => string): ShapeInfo | undefined {
  if (!arg) return undefined;
  if (arg.kind === 'seq') return fromItems(arg.items, src);
  if (numberOf(arg) !== undefined) return fromItems([arg], src);
  return undefined;
}

/** Reads a shape given as separate dimension arguments (torch.zeros(out, in)) or as one tuple. */
export function readVarShape(args: readonly Expr[], src: (e: Expr) => string): ShapeInfo | undefined {
  if (args.length === 1) return readShape(args[0], src);
  if (args.length === 0) return undefined;
  return fromItems(args, src);
}

function fromItems(items: readonly Expr[], src: (e: Expr) => string): ShapeInfo {
  const dims = items.map((i) => src(i));
  const nums = items.map((i) => numberOf(i));
  const shape = nums.every((n): n is number => n !== undefined && Number.isInteger(n) && n >= 0) ? nums : undefined;
  return shape ? { dims, shape } : { dims };
}

/** True when a shape has one dimension, or two with one of them 1 (one unit or a vector: no symmetry to break). */
export function isVectorLike(info: ShapeInfo | undefined): boolean {
  if (!info) return false;
  if (info.dims.length <= 1) return true;
  return info.dims.length === 2 && info.dims.some((d) => d.trim() === '1');
}
