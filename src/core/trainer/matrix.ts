/**
 * Row-major matrices and the dense kernels of the trainer. A weight matrix has one row per unit
 * (row i = unit i's incoming weights), so `rows = fanOut` and `cols = fanIn`.
 *
 * Every kernel computes each output element with the same summation order (k = 0, 1, ... K-1,
 * accumulated in float64, rounded once on store), whatever tile it falls in. That uniformity is
 * what keeps units with equal rows bit-identical in float32 for as long as they start equal.
 */

/** Storage of matrix data: float32 for training, float64 for gradient checks. */
export type FloatArray = Float32Array | Float64Array;

/** Numeric precision of a network. */
export type Precision = 'float32' | 'float64';

/** A row-major matrix with explicit shape. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: FloatArray;
}

/** Allocates a zeroed array of the given precision. */
export function allocFloat(length: number, precision: Precision): FloatArray {
  return precision === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

/** Allocates a zeroed rows x cols matrix. */
export function createMatrix(rows: number, cols: number, precision: Precision = 'float32'): Matrix {
  return { rows, cols, data: allocFloat(rows * cols, precision) };
}

/** Row i of a matrix as a subarray view (no copy). */
export function row(m: Matrix, i: number): FloatArray {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** dst (cols x rows) = transpose of src (rows x cols); blocked for cache friendliness. */
export function transpose(src: FloatArray, rows: number, cols: number, dst: FloatArray): void {
  const B = 32;
  for (let i0 = 0; i0 < rows; i0 += B) {
    const i1 = Math.min(i0 + B, rows);
    for (let j0 = 0; j0 < cols; j0 += B) {
      const j1 = Math.min(j0 + B, cols);
      for (let i = i0; i < i1; i++) {
        const s = i * cols;
        for (let j = j0; j < j1; j++) dst[j * rows + i] = src[s + j];
      }
    }
  }
}

/** Width of the panel of B rows kept hot in cache while all rows of A stream past it. */
const PANEL = 64;

/**
 * C (m x n) = A (m x k) * B(n x k)^T, plus bias[j] on column j when bias is given.
 * Both operands are read along contiguous rows; 4x4 register tiles, B in cache-sized panels.
 */
export function matmulABt(
  a: FloatArray, b: FloatArray, c: FloatArray,
  m: number, n: number, k: number,
  bias: FloatArray | null,
): void {
  for (let j0 = 0; j0 < n; j0 += PANEL) {
    const j1 = Math.min(j0 + PANEL, n);
    const j4 = j0 + ((j1 - j0) & ~3);
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
      let j = j0;
      for (; j < j4; j += 4) {
        const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (let p = 0; p < k; p++) {
          const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
          const y0 = b[b0 + p], y1 = b[b1 + p], y2 = b[b2 + p], y3 = b[b3 + p];
          c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
          c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
          c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
          c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
        }
        let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        if (bias !== null) { q0 = bias[j]; q1 = bias[j + 1]; q2 = bias[j + 2]; q3 = bias[j + 3]; }
        let o = i * n + j;
        c[o] = c00 + q0; c[o + 1] = c01 + q1; c[o + 2] = c02 + q2; c[o + 3] = c03 + q3; o += n;
        c[o] = c10 + q0; c[o + 1] = c11 + q1; c[o + 2] = c12 + q2; c[o + 3] = c13 + q3; o += n;
        c[o] = c20 + q0; c[o + 1] = c21 + q1; c[o + 2] = c22 + q2; c[o + 3] = c23 + q3; o += n;
        c[o] = c30 + q0; c[o + 1] = c31 + q1; c[o + 2] = c32 + q2; c[o + 3] = c33 + q3;
      }
      for (; j < j1; j++) {
        const b0 = j * k;
        let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        for (let p = 0; p < k; p++) {
          const y = b[b0 + p];
          c0 += a[a0 + p] * y; c1 += a[a1 + p] * y; c2 += a[a2 + p] * y; c3 += a[a3 + p] * y;
        }
        const q = bias !== null ? bias[j] : 0;
        c[i * n + j] = c0 + q; c[(i + 1) * n + j] = c1 + q; c[(i + 2) * n + j] = c2 + q; c[(i + 3) * n + j] = c3 + q;
      }
    }
    for (; i < m; i++) {
      const a0 = i * k;
      for (let j = j0; j < j1; j++) {
        const b0 = j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[a0 + p] * b[b0 + p];
        c[i * n + j] = s + (bias !== null ? bias[j] : 0);
      }
    }
  }
}

/** out[j] = sum over rows i of m[i][j], in row order (the same for every column); acc is float64 scratch of length >= cols. */
export function sumRows(m: FloatArray, rows: number, cols: number, out: FloatArray, acc: Float64Array): void {
  acc.fill(0, 0, cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) acc[j] += m[o + j];
  }
  for (let j = 0; j < cols; j++) out[j] = acc[j];
}

/** Euclidean norm of an array, accumulated in float64. */
export function norm2(x: FloatArray): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}
