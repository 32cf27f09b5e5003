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

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Bits of a float32 with -0 folded onto +0. */
function bits(v: number): number {
  if (v === 0) return 0;
  f32[0] = v;
  return u32[0];
}

/** Groups of identical units of `layer`; `next` is the layer above it (null for the output layer). */
export function symmetryGroups(layer: Layer, next: Layer | null): Groups {
  const { rows, cols, weights, biases } = layer;
  const outs = next && next.cols === rows ? next.rows : 0;
  const hashes = new Map<number, number[]>();
  const group = new Int32Array(rows);
  const sizes: number[] = [];
  const same = (i: number, j: number): boolean => {
    for (let k = 0; k < cols; k++) if (bits(weights[i * cols + k]) !== bits(weights[j * cols + k])) return false;
    if (bits(biases[i]) !== bits(biases[j])) return false;
    for (let r = 0; r < outs; r++) if (bits(next!.weights[r * rows + i]) !== bits(next!.weights[r * rows + j])) return false;
    return true;
  };
  for (let i = 0; i < rows; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < cols; k++) h = Math.imul(h ^ bits(weights[i * cols + k]), 0x01000193);
    h = Math.imul(h ^ bits(biases[i]), 0x01000193);
    for (let r = 0; r < outs; r++) h = Math.imul(h ^ bits(next!.weights[r * rows + i]), 0x01000193);
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
