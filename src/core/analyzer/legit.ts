// The constants that are right and must be left alone (INITIALIZER_CATALOGUE.md, "Leave alone"):
// biases, norm layers, zero-init residual gates, LoRA, output heads, padding rows, cls/pos tokens,
// single-layer models, vectors and single units.
import type { Candidate } from './candidate';
import type { Program, Statement } from './model';
import { isBiasName, isWeightName, lastSegment, layerSegment, memoized, numbered, segments, tokens } from './names';

/** Why a candidate is legitimate (then it is not reported). */
export type LegitReason = 'bias' | 'norm' | 'residualGate' | 'lora' | 'outputHead' | 'token' | 'padding' | 'singleLayer' | 'vector';

/** Facts about the whole file (or notebook) that legit checks need. */
export interface ProgramFacts {
  /** Stems of numbered layer names and the numbers seen (`fc` -> {1, 2, 3}). */
  series: Map<string, Set<number>>;
  /** Per stem: [how many numbers, the largest number]. */
  seriesMax: Map<string, [number, number]>;
  /** Number of layers the file builds (layer constructors plus distinct weight matrices). */
  layerCount: number;
}

const LAYER_CTORS = new Set(['Linear', 'Dense', 'dense', 'Conv1d', 'Conv2d', 'Conv3d', 'Conv1D', 'Conv2D', 'Conv3D', 'conv1d', 'conv2d', 'LSTM', 'GRU', 'RNN', 'SimpleRNN', 'lstm', 'gru', 'simpleRNN', 'DenseGeneral', 'Bilinear', 'LazyLinear', 'MLP']);

const PARAM_CTORS = new Set(['Parameter', 'get_parameter', 'get_variable']);

/** Values that hold no matrix (a placeholder assigned before the real one): their targets are not layers. */
const PLACEHOLDERS = new Set(['None', 'True', 'False', '...', 'null', 'undefined']);
const LONGEST_PLACEHOLDER = 9;
/** True for `(` / `)` (by `open`) and the white space Python allows around a value. */
function isWrapping(c: number, open: boolean): boolean {
  return c === (open ? 40 : 41) || c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/** True when `text[from, to)`, without surrounding spaces and parentheses, is a placeholder (no slice of a long value: this runs for every statement). */
function isPlaceholder(text: string, from: number, to: number): boolean {
  let a = from;
  let b = to;
  while (a < b && isWrapping(text.charCodeAt(a), true)) a++;
  while (b > a && isWrapping(text.charCodeAt(b - 1), false)) b--;
  return b - a <= LONGEST_PLACEHOLDER && PLACEHOLDERS.has(text.slice(a, b));
}

/** What an assigned target is to the layer tally: a bias (not counted), a weight-like name, or neither. One lookup per statement. */
const targetRole = memoized((t: string): 'bias' | 'weight' | 'other' => {
  if (isBiasName(lastSegment(t))) return 'bias';
  return isWeightName(layerSegment(t) ?? '') || isWeightName(lastSegment(t)) ? 'weight' : 'other';
});

/** The layers a file builds, counted statement by statement (wholeFile.ts): constructors and weight-like targets. */
export class LayerTally {
  /** Texts of the weight matrices assigned (`W1`, `self.w`, a Parameter). */
  readonly weights = new Set<string>();
  constructors = 0;

  /**
   * Counts the target of one statement of a unit whose text is `text`; returns whether the layer
   * constructors the statement calls count (see `call`): not under a bias target, nor in a placeholder.
   */
  add(s: Statement, text: string): boolean {
    // By its text: a value no rule needed was not converted (relevance.ts), but its target still counts.
    if (isPlaceholder(text, s.value.from, s.value.to)) return false;
    if (s.kind === 'assign' && s.op === '=' && s.targets.length === 1) {
      // A plain name's text is its one part (a string met before, whose hash is known).
      const target = s.targets[0];
      const t = target.kind === 'name' && target.parts.length === 1 ? target.parts[0] : text.slice(target.from, target.to);
      const role = targetRole(t);
      if (role === 'bias') return false;
      const v = s.value.kind === 'call' ? s.value.callee : undefined;
      const ctor = v?.kind === 'name' ? v.parts[v.parts.length - 1] : undefined;
      if (role === 'weight' || (ctor !== undefined && PARAM_CTORS.has(ctor))) this.weights.add(t);
    }
    return true;
  }

  /** Counts a call, named `last`, of a statement whose constructors count (the rules' walk hands each over: no walk of its own). */
  call(last: string): void {
    if (LAYER_CTORS.has(last)) this.constructors++;
  }
}

/** The series of numbered names (from the programs' words) and the layer count (from `layers` and the weights the rules found). */
export function programFacts(programs: readonly Program[], layers: LayerTally, weightTargets: ReadonlySet<string>): ProgramFacts {
  const series = new Map<string, Set<number>>();
  for (const p of programs) {
    for (const w of p.words) {
      const n = numbered(w);
      if (n) {
        const set = series.get(n[0]) ?? new Set<number>();
        set.add(n[1]);
        series.set(n[0], set);
      }
    }
  }
  let weights = layers.weights.size;
  for (const t of weightTargets) if (!layers.weights.has(t)) weights++;
  const seriesMax = new Map<string, [number, number]>();
  for (const [stem, nums] of series) {
    let top = -Infinity;
    for (const v of nums) if (v > top) top = v;
    seriesMax.set(stem, [nums.size, top]);
  }
  return { series, seriesMax, layerCount: layers.constructors + weights };
}

const HEAD_TOKENS = new Set(['head', 'heads', 'classifier', 'out', 'output', 'outputs', 'logits', 'final', 'readout', 'last', 'cls', 'predictor']);
const GATE_TOKENS = new Set(['gate', 'gates', 'gating', 'alpha', 'rezero', 'resweight', 'adaln', 'modulation', 'zero', 'zeros', 'skipinit', 'layerscale', 'ls']);
const TOKEN_TOKENS = new Set(['cls', 'token', 'tokens', 'pos', 'position', 'positional', 'embed', 'embeds', 'embedding', 'embeddings', 'emb', 'wpe', 'wte', 'registers', 'prompt']);

function isNormToken(t: string): boolean {
  return /^(bn|ln|gn|norm|rms)\d*$/.test(t) || t.endsWith('norm') || t.startsWith('norm') || t === 'gamma' || t === 'beta' || t === 'scale' || t === 'shift';
}

/** The reason a candidate is legitimate, or undefined when it should be reported. */
export function legitReason(c: Candidate, facts: ProgramFacts): LegitReason | undefined {
  const target = c.target ?? '';
  const segs = segments(target);
  // Biases first, before the texts the other cases read: most candidates of a file are biases.
  if (segs.length > 0 && isBiasName(segs[segs.length - 1])) return 'bias';
  const ctx = c.stmt.ctx;
  const guards = ctx.guards.join(' ');
  const scopes = `${ctx.functionName ?? ''} ${ctx.className ?? ''}`.toLowerCase();
  const toks = segs.flatMap(tokens);
  const layer = layerSegment(target);

  if (toks.some(isNormToken) || /Norm/.test(guards) || /norm/.test(scopes)) return 'norm';
  if (toks.includes('lora') || /^lora/i.test(layer ?? '')) return 'lora';
  if (toks.some((t) => GATE_TOKENS.has(t)) || /zero_init|zero_module|rezero|fixup/i.test(guards) || /zero|fixup|rezero/.test(scopes)) return 'residualGate';
  if (toks.some((t) => TOKEN_TOKENS.has(t)) || /Embedding/.test(guards)) return 'token';
  if (toks.includes('padding') || toks.includes('pad') || /padding_idx/.test(guards)) return 'padding';
  if (toks.some((t) => HEAD_TOKENS.has(t)) || (layer !== undefined && /^(c_proj|proj_out|to_out|fc_out|out_proj)$/.test(layer))) return 'outputHead';
  if (layer) {
    const n = numbered(layer);
    const top = n ? facts.seriesMax.get(n[0]) : undefined;
    if (n && top && top[0] >= 2 && n[1] === top[1]) return 'outputHead';
  }
  const vector = c.dims !== undefined && (c.dims.length <= 1 || (c.dims.length === 2 && c.dims.some((d) => d.trim() === '1')));
  if (vector) return 'vector';
  if (facts.layerCount <= 1 && !(layer && numbered(layer))) return 'singleLayer';
  return undefined;
}
