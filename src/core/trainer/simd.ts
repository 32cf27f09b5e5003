/**
 * A WebAssembly SIMD matrix kernel, assembled here from bytes (no build step, no binary file): the
 * inner tiles of C = A * B (A m x k, B k x n, row-major float32 in one WebAssembly.Memory).
 * Every output element is one float32 accumulator updated in order p = 0..k-1 with an IEEE float32
 * multiply and add (no fused multiply-add), exactly as the scalar edge code in matrix.ts does, so
 * SIMD lanes, edges and the plain-JS fallback give bit-identical results.
 * WebAssembly is a language global (browsers and Node alike), not a Node built-in.
 */

/** Exports of the kernel module. Pointers and strides are byte offsets into the memory. */
export interface SimdKernel {
  /** C[0..4][0..8] = A[0..4][0..k] * B[0..k][0..8] with row strides lda, ldb, ldc. */
  block4x8(a: number, b: number, c: number, k: number, lda: number, ldb: number, ldc: number): void;
  /** C[0][0..4] = A[0][0..k] * B[0..k][0..4]. */
  block1x4(a: number, b: number, c: number, k: number, ldb: number): void;
}

const I32 = 0x7f, V128 = 0x7b;

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** A section: id, then its byte length and contents. */
function section(id: number, bytes: number[]): number[] {
  return [id, ...uleb(bytes.length), ...bytes];
}

/** A vector: count, then items. */
function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
}

// Instructions used by the kernel.
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32Add = [0x6a];
const i32Sub = [0x6b];
const i32Const = (v: number) => [0x41, ...uleb(v)];
const f32Load = [0x2a, 0x02, 0x00];
const v128Load = (offset: number) => [0xfd, 0x00, 0x04, ...uleb(offset)];
const v128Store = (offset: number) => [0xfd, 0x0b, 0x04, ...uleb(offset)];
const v128Zero = [0xfd, 0x0c, ...new Array(16).fill(0)];
const f32x4Splat = [0xfd, 0x13];
const f32x4Add = [0xfd, ...uleb(228)];
const f32x4Mul = [0xfd, ...uleb(230)];
const loopStart = [0x03, 0x40];
const end = [0x0b];
const brIf = (depth: number) => [0x0d, ...uleb(depth)];

/** acc = acc + splat * b */
const fma = (acc: number, s: number, b: number) => [...get(acc), ...get(s), ...get(b), ...f32x4Mul, ...f32x4Add, ...set(acc)];

/** block4x8(a, b, c, k, lda, ldb, ldc); locals: a1 a2 a3 (7-9), then v128 acc0..acc7 (10-17), b0 b1 s (18-20). */
function block4x8Body(): number[] {
  const [A, B, C, K, LDA, LDB, LDC, A1, A2, A3] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const acc = (r: number, h: number) => 10 + 2 * r + h;
  const B0 = 18, B1 = 19, S = 20;
  const rows = [A, A1, A2, A3];
  const code: number[] = [
    ...get(A), ...get(LDA), ...i32Add, ...set(A1),
    ...get(A1), ...get(LDA), ...i32Add, ...set(A2),
    ...get(A2), ...get(LDA), ...i32Add, ...set(A3),
  ];
  for (let i = 0; i < 8; i++) code.push(...v128Zero, ...set(10 + i));
  code.push(...loopStart);
  code.push(...get(B), ...v128Load(0), ...set(B0), ...get(B), ...v128Load(16), ...set(B1));
  rows.forEach((ptr, r) => {
    code.push(...get(ptr), ...f32Load, ...f32x4Splat, ...set(S), ...fma(acc(r, 0), S, B0), ...fma(acc(r, 1), S, B1));
  });
  for (const ptr of rows) code.push(...get(ptr), ...i32Const(4), ...i32Add, ...set(ptr));
  code.push(...get(B), ...get(LDB), ...i32Add, ...set(B));
  code.push(...get(K), ...i32Const(1), ...i32Sub, ...set(K), ...get(K), ...brIf(0), ...end);
  for (let r = 0; r < 4; r++) {
    code.push(...get(C), ...get(acc(r, 0)), ...v128Store(0), ...get(C), ...get(acc(r, 1)), ...v128Store(16));
    if (r < 3) code.push(...get(C), ...get(LDC), ...i32Add, ...set(C));
  }
  code.push(...end);
  const locals = vec([[3, I32], [11, V128]]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/** block1x4(a, b, c, k, ldb); locals: acc, s (v128, 5-6). */
function block1x4Body(): number[] {
  const [A, B, C, K, LDB, ACC, S] = [0, 1, 2, 3, 4, 5, 6];
  const code: number[] = [...v128Zero, ...set(ACC), ...loopStart,
    ...get(A), ...f32Load, ...f32x4Splat, ...set(S),
    ...get(ACC), ...get(S), ...get(B), ...v128Load(0), ...f32x4Mul, ...f32x4Add, ...set(ACC),
    ...get(A), ...i32Const(4), ...i32Add, ...set(A),
    ...get(B), ...get(LDB), ...i32Add, ...set(B),
    ...get(K), ...i32Const(1), ...i32Sub, ...set(K), ...get(K), ...brIf(0), ...end,
    ...get(C), ...get(ACC), ...v128Store(0), ...end];
  const body = [...vec([[2, V128]]), ...code];
  return [...uleb(body.length), ...body];
}

/** The kernel module's bytes (imports its memory as env.memory). */
export function kernelModuleBytes(): Uint8Array {
  const type7 = [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [I32]]), 0x00];
  const type5 = [0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0x00];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type7, type5])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0x00], [0x01]])),
    ...section(7, vec([[...name('block4x8'), 0x00, 0x00], [...name('block1x4'), 0x00, 0x01]])),
    ...section(10, vec([block4x8Body(), block1x4Body()])),
  ];
  return Uint8Array.from(bytes);
}

/** The parts of the WebAssembly API used here (the project's TypeScript lib has no DOM/WebAssembly types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}

/** The runtime's WebAssembly object, if any. */
function wasmApi(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

/** Whether this runtime has WebAssembly with SIMD (all current browsers and Node >= 16 do). */
export function simdAvailable(): boolean {
  try {
    return wasmApi()?.validate(kernelModuleBytes()) === true;
  } catch {
    return false;
  }
}

/** A memory of at least `bytes` with the kernel instantiated on it (compiling a few hundred bytes); null without SIMD. */
export function createKernelMemory(bytes: number): { buffer: ArrayBuffer; kernel: SimdKernel } | null {
  const wasm = wasmApi();
  if (!wasm || !simdAvailable()) return null;
  const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new wasm.Instance(new wasm.Module(kernelModuleBytes()), { env: { memory } });
  return { buffer: memory.buffer, kernel: instance.exports as SimdKernel };
}
