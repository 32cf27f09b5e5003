/**
 * Row-major matrices and the dense kernels of the trainer. A weight matrix has one row per unit
 * (row i = unit i's incoming weights), so `rows = fanOut` and `cols = fanIn`.
 *
 * Every kernel computes each output element with the same arithmetic in the same order (p = 0, 1,
 * ... k-1), whatever tile, lane or code path it falls in. That uniformity is what keeps units with
 * equal rows bit-identical in float32 for as long as they start equal.
 */
import { createKernelMemory, type SimdKernel } from './simd';

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

/**
 * Float32 storage for one network inside a single WebAssembly.Memory, sized up front (so views never
 * detach), with the SIMD kernel instantiated on it. Without WebAssembly SIMD, plain arrays and no kernel.
 */
export class Arena {
  /** The SIMD kernel bound to this arena's memory, or null (then matmulAB uses JS). */
  readonly kernel: SimdKernel | null;
  private readonly buffer: ArrayBuffer | null;
  private offset = 0;

  /** Reserves room for `floats` float32 values (each allocation is padded to 16 bytes). */
  constructor(private readonly floats: number, useSimd = true) {
    const memory = useSimd ? createKernelMemory(floats * 4) : null;
    this.kernel = memory ? memory.kernel : null;
    this.buffer = memory ? memory.buffer : null;
  }

  /** Rounds a length up to whole 16-byte blocks, as alloc() does; use it to size an arena. */
  static padded(length: number): number {
    return (length + 3) & ~3;
  }

  /** A zeroed float32 array of `length`, inside the memory when there is one. */
  alloc(length: number): Float32Array {
    if (!this.buffer) return new Float32Array(length);
    const size = Arena.padded(length);
    if (this.offset + size > this.floats) throw new Error('Arena overflow: size the arena with Arena.padded');
    const view = new Float32Array(this.buffer, this.offset * 4, length);
    this.offset += size;
    return view;
  }
}

/**
 * C (m x n) = A (m x k) * B (k x n), all row-major. Each C[i][j] is accumulated over p = 0..k-1 in
 * order: in float32 with float32 multiply and add (SIMD kernel when A, B, C live in the kernel's
 * memory, the same arithmetic in JS otherwise), or in float64 for Float64Arrays.
 */
export function matmulAB(a: FloatArray, b: FloatArray, c: FloatArray, m: number, n: number, k: number, kernel: SimdKernel | null): void {
  if (k === 0) {
    c.fill(0, 0, m * n);
    return;
  }
  if (c instanceof Float64Array || a instanceof Float64Array || b instanceof Float64Array) {
    matmulABf64(a, b, c, m, n, k);
    return;
  }
  if (kernel !== null && a.buffer === c.buffer && b.buffer === c.buffer) {
    matmulABsimd(a, b, c, m, n, k, kernel);
    return;
  }
  matmulABf32(a, b, c, m, n, 0, k);
}

/** SIMD driver: 4x8 tiles, then 1x4 tiles for leftover columns and rows, then scalar columns. */
function matmulABsimd(a: Float32Array, b: Float32Array, c: Float32Array, m: number, n: number, k: number, kernel: SimdKernel): void {
  const pa = a.byteOffset, pb = b.byteOffset, pc = c.byteOffset;
  const lda = k * 4, ldb = n * 4, ldc = n * 4;
  const n8 = n & ~7, n4 = n & ~3, m4 = m & ~3;
  for (let i = 0; i < m4; i += 4) {
    for (let j = 0; j < n8; j += 8) kernel.block4x8(pa + i * lda, pb + j * 4, pc + i * ldc + j * 4, k, lda, ldb, ldc);
    if (n4 > n8) for (let r = i; r < i + 4; r++) kernel.block1x4(pa + r * lda, pb + n8 * 4, pc + r * ldc + n8 * 4, k, ldb);
  }
  for (let r = m4; r < m; r++) for (let j = 0; j < n4; j += 4) kernel.block1x4(pa + r * lda, pb + j * 4, pc + r * ldc + j * 4, k, ldb);
  if (n4 < n) matmulABf32(a, b, c, m, n, n4, k);
}

/** JS float32 kernel for columns j0..n-1: Math.fround after every multiply and add mirrors float32 arithmetic. */
function matmulABf32(a: FloatArray, b: FloatArray, c: FloatArray, m: number, n: number, j0: number, k: number): void {
  const f = Math.fround;
  const n4 = j0 + ((n - j0) & ~3);
  for (let i = 0; i < m; i++) {
    const ai = i * k, ci = i * n;
    let j = j0;
    for (; j < n4; j += 4) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let p = 0, bp = j; p < k; p++, bp += n) {
        const x = a[ai + p];
        c0 = f(c0 + f(x * b[bp])); c1 = f(c1 + f(x * b[bp + 1])); c2 = f(c2 + f(x * b[bp + 2])); c3 = f(c3 + f(x * b[bp + 3]));
      }
      c[ci + j] = c0; c[ci + j + 1] = c1; c[ci + j + 2] = c2; c[ci + j + 3] = c3;
    }
    for (; j < n; j++) {
      let s = 0;
      for (let p = 0, bp = j; p < k; p++, bp += n) s = f(s + f(a[ai + p] * b[bp]));
      c[ci + j] = s;
    }
  }
}

/** JS float64 kernel (gradient checks): plain double arithmetic, same summation order. */
function matmulABf64(a: FloatArray, b: FloatArray, c: FloatArray, m: number, n: number, k: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
  }
}

/** c[i][j] += bias[j] for the first m rows (one rounding per element in float32). */
export function addBias(c: FloatArray, bias: FloatArray, m: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) c[o + j] += bias[j];
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
