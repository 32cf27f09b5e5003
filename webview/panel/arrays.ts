// Defensive conversion of numbers that crossed postMessage: typed arrays may arrive as such, as
// ArrayBuffers, or (depending on the transport) as plain arrays or index-keyed objects.

/** Float32Array view or copy of x; an empty array for anything that is not numbers. */
export function toFloat32(x: unknown): Float32Array {
  if (x instanceof Float32Array) return x;
  if (x instanceof ArrayBuffer) return new Float32Array(x);
  if (ArrayBuffer.isView(x)) {
    if (x instanceof Float64Array || x instanceof Int32Array || x instanceof Uint8Array || x instanceof Int16Array) return Float32Array.from(x);
    return new Float32Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength));
  }
  if (Array.isArray(x)) return Float32Array.from(x, (v) => (typeof v === 'number' ? v : NaN));
  if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>;
    const keys = Object.keys(o);
    const out = new Float32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
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
