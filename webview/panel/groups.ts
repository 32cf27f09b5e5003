// Symmetry groups of a layer computed from a snapshot: units whose incoming row, bias and outgoing
// column (in the next layer) are bit-identical (+0 and -0 count as equal, as in core/trainer).
import type { Layer } from './arrays';

/** group[i] = index of unit i's group (groups numbered by first member); sizes[g] = members of group g. */
export interface Groups {
  group: Int32Array;
  sizes: number[];
  /** Number of groups = distinct units. */
  distinct: number;
}

/** The bit patterns of a Float32Array (a view, no copy). */
function bitsOf(a: Float32Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length);
}

/** A bit pattern with -0 (0x80000000) folded onto +0. */
function fold(u: number): number {
  return u === 0x80000000 ? 0 : u;
}

/** Groups of identical units of `layer`; `next` is the layer above it (null for the output layer). */
export function symmetryGroups(layer: Layer, next: Layer | null): Groups {
  const { rows, cols } = layer;
  const w = bitsOf(layer.weights), b = bitsOf(layer.biases);
  const outs = next && next.cols === rows ? next.rows : 0;
  const nw = next ? bitsOf(next.weights) : new Uint32Array(0);
  const hashes = new Map<number, number[]>();
  const group = new Int32Array(rows);
  const sizes: number[] = [];
  const same = (i: number, j: number): boolean => {
    for (let k = 0; k < cols; k++) if (fold(w[i * cols + k]) !== fold(w[j * cols + k])) return false;
    if (fold(b[i]) !== fold(b[j])) return false;
    for (let r = 0; r < outs; r++) if (fold(nw[r * rows + i]) !== fold(nw[r * rows + j])) return false;
    return true;
  };
  // Bucket by a hash of the first few weights and the bias: units in different buckets differ, so
  // random layers need no full comparison; only units in a shared bucket are compared in full.
  const prefix = Math.min(cols, 8);
  for (let i = 0; i < rows; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < prefix; k++) h = Math.imul(h ^ fold(w[i * cols + k]), 0x01000193);
    h = Math.imul(h ^ fold(b[i]), 0x01000193);
    const bucket = hashes.get(h);
    let found = -1;
    if (bucket) {
      for (const rep of bucket) if (same(i, rep)) { found = group[rep]; break; }
    }
    if (found >= 0) {
      group[i] = found;
      sizes[found]++;
    } else {
      group[i] = sizes.length;
      sizes.push(1);
      if (bucket) bucket.push(i); else hashes.set(h, [i]);
    }
  }
  return { group, sizes, distinct: sizes.length };
}
