// Defensive conversion of numbers that crossed postMessage: typed arrays may arrive as such, as
// ArrayBuffers, or (depending on the transport) as plain arrays or index-keyed objects.

/** Float32Array view or copy of x; an empty array for anything that is not numbers. */
export function toFloat32(x: unknown): Float32Array {
  if (x instanceof Float32Array) return x;
  // Raw bytes are read as float32; a byte length that is not a whole number of floats is not numbers.
  if (x instanceof ArrayBuffer) return x.byteLength % 4 === 0 ? new Float32Array(x) : new Float32Array(0);
  if (x instanceof DataView) {
    return x.byteLength % 4 === 0 ? new Float32Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength)) : new Float32Array(0);
  }
  if (x instanceof BigInt64Array || x instanceof BigUint64Array) return new Float32Array(0);
  // Any other typed array holds numbers: convert them by value.
  if (ArrayBuffer.isView(x)) return Float32Array.from(x as unknown as ArrayLike<number>);
  if (Array.isArray(x)) return Float32Array.from(x, (v) => (typeof v === 'number' ? v : NaN));
  if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>;
    const keys = Object.keys(o);
    // An array-like's `length` is not an entry; it is trusted only up to the number of keys.
    const length = Number.isInteger(o.length) && (o.length as number) >= 0 && (o.length as number) < keys.length ? (o.length as number) : keys.length;
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) {
      const v = o[String(i)];
      out[i] = typeof v === 'number' ? v : NaN;
    }
    return out;
  }
  return new Float32Array(0);
}

/** One layer's weights as the webview uses them: rows x cols row-major, and `rows` biases. */
export interface Layer {
  rows: number;
  cols: number;
  weights: Float32Array;
  biases: Float32Array;
}

/** Validated layers of a snapshot message; layers with inconsistent sizes are dropped. */
export function toLayers(raw: unknown): Layer[] {
  if (!Array.isArray(raw)) return [];
  const out: Layer[] = [];
  for (const l of raw) {
    if (typeof l !== 'object' || l === null) continue;
    const o = l as Record<string, unknown>;
    const rows = Number(o.rows), cols = Number(o.cols);
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) continue;
    const weights = toFloat32(o.weights), biases = toFloat32(o.biases);
    if (weights.length !== rows * cols || biases.length !== rows) continue;
    out.push({ rows, cols, weights, biases });
  }
  return out;
}
