/**
 * Symmetry measures of a layer. Units i and j are interchangeable when their incoming rows, biases
 * and outgoing columns (in the next layer) are equal; then deterministic training keeps them equal.
 */
import type { DenseLayer } from './mlp';

/** How symmetric a layer's units are. */
export interface SymmetryMetrics {
  /** Groups of units with bit-identical (row, bias, outgoing column). */
  distinctUnits: number;
  /** Groups whose members differ by at most tolerance * (largest |value| of the layer). */
  distinctUnitsWithinTolerance: number;
  /** Largest cosine similarity between two distinct rows (two zero rows count as 1), 0 for one unit. */
  maxCosineSimilarity: number;
  /** Numerical rank of the weight matrix. */
  rank: number;
}

/** Default relative tolerance for near-identical units. */
export const SYMMETRY_TOLERANCE = 1e-4;

/** Relative threshold of the rank: singular values below it times the largest do not count. */
export const RANK_TOLERANCE = 1e-4;

/** The values that define unit i: its row, its bias and its outgoing column. */
function unitSignature(layer: DenseLayer, next: DenseLayer | null, i: number): Float64Array {
  const cols = layer.fanIn;
  const out = next ? next.units : 0;
  const s = new Float64Array(cols + 1 + out);
  const w = layer.weights.data;
  for (let k = 0; k < cols; k++) s[k] = w[i * cols + k];
  s[cols] = layer.biases[i];
  if (next) for (let r = 0; r < out; r++) s[cols + 1 + r] = next.weights.data[r * next.fanIn + i];
  return s;
}

/** Counts groups of units whose signatures differ by at most `tol` (absolute) in every entry. */
function countGroups(signatures: Float64Array[], tol: number): number {
  const reps: Float64Array[] = [];
  outer: for (const s of signatures) {
    for (const r of reps) {
      let same = true;
      for (let k = 0; k < s.length; k++) {
        const d = Math.abs(s[k] - r[k]);
        if (!(d <= tol)) { same = false; break; }
      }
      if (same) continue outer;
    }
    reps.push(s);
  }
  return reps.length;
}

/** Number of distinct units of `layer`, exactly and within a relative tolerance; `next` is the layer above. */
export function distinctUnits(layer: DenseLayer, next: DenseLayer | null, tolerance = SYMMETRY_TOLERANCE): { exact: number; withinTolerance: number } {
  const sigs: Float64Array[] = [];
  let maxAbs = 0;
  for (let i = 0; i < layer.units; i++) {
    const s = unitSignature(layer, next, i);
    for (let k = 0; k < s.length; k++) maxAbs = Math.max(maxAbs, Math.abs(s[k]));
    sigs.push(s);
  }
  return { exact: countGroups(sigs, 0), withinTolerance: countGroups(sigs, tolerance * maxAbs) };
}

/** Gram matrix G = W W^T of the rows, in float64. */
function gram(layer: DenseLayer): Float64Array {
  const n = layer.units, k = layer.fanIn, w = layer.weights.data;
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += w[i * k + p] * w[j * k + p];
      g[i * n + j] = s;
      g[j * n + i] = s;
    }
  }
  return g;
}

/** Largest cosine similarity between two different rows of a Gram matrix. */
function maxCosine(g: Float64Array, n: number): number {
  if (n < 2) return 0;
  let best = -1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const di = g[i * n + i], dj = g[j * n + j];
      const c = di === 0 && dj === 0 ? 1 : di === 0 || dj === 0 ? 0 : g[i * n + j] / Math.sqrt(di * dj);
      if (c > best) best = c;
    }
  }
  return Math.min(1, best);
}

/**
 * Numerical rank via Cholesky with complete pivoting of G = W W^T: a pivot counts while
 * sqrt(pivot / largest diagonal) > RANK_TOLERANCE (the pivots track the squared singular values).
 */
function numericalRank(g: Float64Array, n: number): number {
  const a = Float64Array.from(g);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, a[i * n + i]);
  if (!(maxDiag > 0)) return 0;
  const threshold = RANK_TOLERANCE * RANK_TOLERANCE * maxDiag;
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  let rank = 0;
  for (let k = 0; k < n; k++) {
    let p = k, best = a[perm[k] * n + perm[k]];
    for (let i = k + 1; i < n; i++) {
      const d = a[perm[i] * n + perm[i]];
      if (d > best) { best = d; p = i; }
    }
    if (!(best > threshold)) break;
    [perm[k], perm[p]] = [perm[p], perm[k]];
    rank++;
    const pk = perm[k];
    const piv = Math.sqrt(a[pk * n + pk]);
    for (let i = k + 1; i < n; i++) a[perm[i] * n + pk] /= piv;
    for (let i = k + 1; i < n; i++) {
      const li = a[perm[i] * n + pk];
      for (let j = k + 1; j <= i; j++) {
        const v = a[perm[i] * n + perm[j]] - li * a[perm[j] * n + pk];
        a[perm[i] * n + perm[j]] = v;
        a[perm[j] * n + perm[i]] = v;
      }
    }
  }
  return rank;
}

/** All symmetry measures of a layer (`next` = the layer above, or null for the output layer). */
export function layerSymmetry(layer: DenseLayer, next: DenseLayer | null, tolerance = SYMMETRY_TOLERANCE): SymmetryMetrics {
  const { exact, withinTolerance } = distinctUnits(layer, next, tolerance);
  const g = gram(layer);
  return { distinctUnits: exact, distinctUnitsWithinTolerance: withinTolerance, maxCosineSimilarity: maxCosine(g, layer.units), rank: numericalRank(g, layer.units) };
}
