// Import alias resolution: which module a local name stands for, so `np.zeros`, `I.zeros_` and
// `tf.layers.dense` resolve to canonical qualified names the rules match on.
import type { SyntaxNode } from '@lezer/common';
import type { Expr, ImportBinding } from './model';

function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** One token of an import statement: Lezer's node name ('VariableName', 'as', '.', ...) and its text. */
export interface ImportToken {
  name: string;
  text: string;
}

/** The tokens of a Lezer ImportStatement node. */
export function importTokens(n: SyntaxNode, text: string): ImportToken[] {
  return kids(n).map((k) => ({ name: k.name, text: text.slice(k.from, k.to) }));
}

/** Bindings made by one Python `import ...` / `from ... import ...` statement, given its tokens. */
export function pythonImportBindings(toks: readonly ImportToken[]): ImportBinding[] {
  const out: ImportBinding[] = [];
  let i = 0;
  const dottedAt = (): string => {
    let s = '';
    while (i < toks.length && (toks[i].name === 'VariableName' || toks[i].name === '.')) s += toks[i++].text;
    return s;
  };
  if (toks[0]?.name === 'from') {
    i = 1;
    const mod = dottedAt();
    if (toks[i]?.name !== 'import') return out;
    i++;
    while (i < toks.length) {
      const t = toks[i];
      if (t.name === 'VariableName') {
        let local = t.text;
        if (toks[i + 1]?.name === 'as' && toks[i + 2]?.name === 'VariableName') {
          local = toks[i + 2].text;
          i += 2;
        }
        if (!mod.startsWith('.')) out.push({ local, qualified: `${mod}.${t.text}` });
      }
      i++;
    }
    return out;
  }
  if (toks[0]?.name !== 'import') return out;
  i = 1;
  while (i < toks.length) {
    if (toks[i].name !== 'VariableName') {
      i++;
      continue;
    }
    const mod = dottedAt();
    if (toks[i]?.name === 'as' && toks[i + 1]?.name === 'VariableName') {
      out.push({ local: toks[i + 1].text, qualified: mod });
      i += 2;
    } else {
      const head = mod.split('.')[0];
      out.push({ local: head, qualified: head });
    }
  }
  return out;
}

/** Canonical module name for a JS import source: every @tensorflow/tfjs* package is 'tfjs'. */
function jsModule(source: string): string | undefined {
  if (source.startsWith('@tensorflow/tfjs')) return 'tfjs';
  return undefined;
}

/** Bindings made by one ES `import` declaration of TensorFlow.js. */
export function jsImportBindings(n: SyntaxNode, text: string): ImportBinding[] {
  const all = kids(n);
  const src = all.find((k) => k.name === 'String');
  if (!src) return [];
  const mod = jsModule(text.slice(src.from + 1, src.to - 1));
  if (!mod) return [];
  const out: ImportBinding[] = [];
  for (let i = 0; i < all.length; i++) {
    const k = all[i];
    if (k.name === 'Star' && all[i + 2]?.name === 'VariableDefinition') out.push({ local: text.slice(all[i + 2].from, all[i + 2].to), qualified: mod });
    else if (k.name === 'VariableDefinition' && all[i - 1]?.name === 'import') out.push({ local: text.slice(k.from, k.to), qualified: mod });
    else if (k.name === 'ImportGroup') {
      const g = kids(k);
      for (let j = 0; j < g.length; j++) {
        const t = g[j];
        if (t.name !== 'VariableName' && t.name !== 'VariableDefinition') continue;
        const imported = text.slice(t.from, t.to);
        if (g[j + 1]?.name === 'as' && g[j + 2]) {
          out.push({ local: text.slice(g[j + 2].from, g[j + 2].to), qualified: `${mod}.${imported}` });
          j += 2;
        } else out.push({ local: imported, qualified: `${mod}.${imported}` });
      }
    }
  }
  return out;
}

/** The binding made by `const tf = require('@tensorflow/tfjs')`, if `value` is such a call. */
export function jsRequireBinding(local: string, value: Expr): ImportBinding | undefined {
  if (value.kind !== 'call' || value.callee.kind !== 'name' || value.callee.parts.join('.') !== 'require') return undefined;
  const a = value.args[0];
  if (!a || a.kind !== 'str') return undefined;
  const mod = jsModule(a.value);
  return mod ? { local, qualified: mod } : undefined;
}

/** Conventional aliases assumed when a snippet uses them without importing them. */
const PYTHON_DEFAULTS: Readonly<Record<string, string>> = {
  np: 'numpy',
  numpy: 'numpy',
  torch: 'torch',
  F: 'torch.nn.functional',
  tf: 'tensorflow',
  keras: 'keras',
  jax: 'jax',
  jnp: 'jax.numpy',
  hk: 'haiku',
  eqx: 'equinox',
  nnx: 'flax.nnx',
};

/** Prefix rewrites that make equivalent module paths compare equal. */
const CANONICAL: ReadonlyArray<readonly [string, string]> = [
  ['tensorflow.keras.', 'keras.'],
  ['tensorflow.python.keras.', 'keras.'],
  ['tf_keras.', 'keras.'],
  ['tensorflow.compat.v1.', 'tensorflow.'],
  ['flax.linen.initializers.', 'jax.nn.initializers.'],
  ['flax.nnx.initializers.', 'jax.nn.initializers.'],
  ['flax.nnx.nn.initializers.', 'jax.nn.initializers.'],
  ['jax.initializers.', 'jax.nn.initializers.'],
  ['tfjs.initializers.', 'tfjs.initializers.'],
];

/** Rewrites a qualified name to its canonical spelling (tensorflow.keras.X -> keras.X, ...). */
export function canonical(q: string): string {
  const s = `${q}.`;
  for (const [from, to] of CANONICAL) if (s.startsWith(from)) return (to + s.slice(from.length)).slice(0, -1);
  return q;
}

/** A trie node of Resolver's answers: the qualified name of the parts leading here. */
interface QualifyMemo {
  q?: string;
  next?: Map<string, QualifyMemo>;
}

/** Resolves local names to qualified module paths using a file's import bindings. */
export class Resolver {
  private readonly map = new Map<string, string>();
  /** Answers so far, as a trie over name parts: asking again allocates nothing (every rule asks). */
  private readonly memo: QualifyMemo = { next: new Map() };
  private readonly spellings = new Map<string, string>();

  constructor(
    bindings: readonly ImportBinding[],
    readonly python: boolean,
  ) {
    for (const b of bindings) this.map.set(b.local, b.qualified);
    if (python) {
      for (const [k, v] of Object.entries(PYTHON_DEFAULTS)) if (!this.map.has(k)) this.map.set(k, v);
      if (!this.map.has('nn')) {
        const flax = bindings.some((b) => b.qualified.startsWith('flax'));
        this.map.set('nn', flax ? 'flax.linen' : 'torch.nn');
      }
    } else if (!this.map.has('tf')) this.map.set('tf', 'tfjs');
  }

  /** True when some binding refers to a module under `root` (e.g. 'flax', 'haiku'). */
  imports(root: string): boolean {
    for (const v of this.map.values()) if (v === root || v.startsWith(`${root}.`)) return true;
    return false;
  }

  /** Canonical qualified name of a dotted name (`np.random.normal` -> `numpy.random.normal`), or undefined if its head is unknown. */
  qualify(parts: readonly string[]): string | undefined {
    if (parts.length === 0) return undefined;
    const head = this.map.get(parts[0]);
    if (head === undefined) return undefined;
    let node = this.memo;
    for (const part of parts) {
      node.next ??= new Map();
      let child = node.next.get(part);
      if (!child) node.next.set(part, (child = {}));
      node = child;
    }
    return (node.q ??= canonical(parts.length === 1 ? head : `${head}.${parts.slice(1).join('.')}`));
  }

  /** Qualified name of an expression that is a (dotted) name. */
  qualifyExpr(e: Expr | undefined): string | undefined {
    if (!e || e.kind !== 'name') return undefined;
    return this.qualify(e.parts);
  }

  /** The local spelling to use for a module in generated code (`nn.init` if `nn` is torch.nn), or `fallback`. */
  spell(qualified: string, fallback: string): string {
    // Asked for every candidate's fix (most are legitimate and dropped): answered once per module.
    const key = `${qualified} ${fallback}`;
    let answer = this.spellings.get(key);
    if (answer === undefined) this.spellings.set(key, (answer = this.spellFresh(qualified, fallback)));
    return answer;
  }

  private spellFresh(qualified: string, fallback: string): string {
    let best: string | undefined;
    let bestLen = -1;
    for (const [local, q] of this.map) {
      const cq = canonical(q);
      if ((qualified === cq || qualified.startsWith(`${cq}.`)) && cq.length > bestLen) {
        best = local + qualified.slice(cq.length);
        bestLen = cq.length;
      }
    }
    return best ?? fallback;
  }
}
