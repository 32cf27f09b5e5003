// A reference for benchmarks on shared machines: the time of a fixed chain of dependent reads spread
// over 16 MB, i.e. the latency of the caches and memory the benchmarked code shares with other
// tenants. Compute-bound loops keep their speed when a neighbour thrashes the shared cache; this
// probe, like any code that builds and walks objects, does not. Printed next to a figure, it tells a
// slow result from a busy host.

/** A random cycle over 4M slots (16 MB), from a fixed seed: the same chain in every run. */
function cycle(): Int32Array {
  const n = 1 << 22;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let seed = 12345;
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) next[order[i]] = order[(i + 1) % n];
  return next;
}

let chain: Int32Array | undefined;

/** Milliseconds for 200,000 dependent reads along the cycle (24-35 ms on the machine it was written on). */
export function memoryProbeMs(): number {
  const next = (chain ??= cycle());
  const t0 = performance.now();
  let p = 0;
  for (let i = 0; i < 200_000; i++) p = next[p];
  const ms = performance.now() - t0;
  // Uses the end of the chain, so the loop cannot be dropped as dead code.
  return p < 0 ? -ms : ms;
}
