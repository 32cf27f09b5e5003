// Walks a statement's expressions and tells each one its site: what it initializes (assignment
// target, keyword, dict key, set_weights slot) and which layer call or wrapper holds it.
import type { RuleContext, Site } from './candidate';
import { callInfo } from './common';
import { dotted, kwarg, numberOf, type Expr, type Statement } from './model';

/** Qualified names whose first argument is the value of the thing being assigned. */
const WRAPPERS = new Set([
  'torch.nn.Parameter',
  'torch.nn.parameter.Parameter',
  'torch.tensor',
  'torch.as_tensor',
  'tensorflow.Variable',
  'tensorflow.convert_to_tensor',
  'numpy.array',
  'numpy.asarray',
  'numpy.float32',
  'jax.numpy.array',
  'jax.numpy.asarray',
  'tfjs.variable',
  'flax.linen.Param',
  'flax.nnx.Param',
]);

/** Text of an assignment target usable as a name: `W1`, `self.fc.weight`, `params['W1']` -> `params.W1`. */
export function targetText(e: Expr | undefined, src: (e: Expr) => string): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'name' || e.kind === 'member') return dotted(e) ?? src(e);
  if (e.kind === 'subscript') {
    const base = targetText(e.target, src);
    const key = e.index[0];
    if (base && key && key.kind === 'str') return `${base}.${key.value}`;
    return base;
  }
  return src(e);
}

function kwargStr(call: Expr & { kind: 'call' }, name: string): string | undefined {
  const k = kwarg(call, name);
  return k && k.value.kind === 'str' ? k.value.value : undefined;
}

/** The empty site, shared (rules only read sites). */
const NO_SITE: Site = Object.freeze({});

/** Calls `visit` on every expression of `stmt` with its site, parents before children. */
export function forEachSite(stmt: Statement, ctx: RuleContext, visit: (e: Expr, site: Site) => void): void {
  // A leaf value (one the relevance filter left unconverted, `None`...) is nothing a rule reads: no
  // rule reports an opaque node, and the keyword rules need a keyword site, which a root has not.
  if (stmt.value.kind === 'other' && stmt.value.children.length === 0) return;
  const rootTarget = stmt.kind === 'assign' && stmt.op === '=' && stmt.targets.length > 0 ? targetText(stmt.targets[0], ctx.src) : undefined;
  walk(ctx, visit, stmt.value, rootTarget !== undefined ? { target: rootTarget } : NO_SITE, 0);
}

function walk(ctx: RuleContext, visit: (e: Expr, site: Site) => void, e: Expr, site: Site, depth: number): void {
  if (depth > 150) return;
  visit(e, site);
  switch (e.kind) {
    case 'call': {
      const info = callInfo(e, ctx);
      const q = info?.q;
      // Only a dotted name has a receiver here (`layer.set_weights`), not a computed one (`m[0].assign`).
      const dottedCallee = e.callee.kind === 'name' && e.callee.parts.length > 1;
      const method = dottedCallee ? info?.method : e.callee.kind === 'member' ? e.callee.prop : undefined;
      const receiver = dottedCallee && (method === 'set_weights' || method === 'setWeights' || method === 'assign') ? info?.receiver : undefined;
      for (let i = 0; i < e.args.length; i++) {
        const a = e.args[i];
        let s: Site = NO_SITE;
        if (q && WRAPPERS.has(q) && i === 0) s = { target: site.target, wrapper: q, layerCall: site.layerCall, kwarg: site.kwarg };
        else if ((method === 'set_weights' || method === 'setWeights') && i === 0 && a.kind === 'seq') {
          // A loop, not forEach: a closure here would make every call of walk allocate a context for what it captures.
          for (let j = 0; j < a.items.length; j++) walk(ctx, visit, a.items[j], { target: `${receiver ?? 'layer'}.${j % 2 === 0 ? 'kernel' : 'bias'}` }, depth + 1);
          continue;
        } else if (method === 'assign' && receiver && i === 0) s = { target: receiver };
        else if (q === 'equinox.tree_at' && i === 2) {
          const where = e.args[0];
          s = { target: where && where.kind === 'lambda' ? ctx.src(where.body) : undefined };
        } else if (q === 'haiku.get_parameter' && i > 1) s = { target: e.args[0]?.kind === 'str' ? e.args[0].value : undefined };
        else if (a.kind === 'object') s = { layerCall: e, target: site.target };
        walk(ctx, visit, a, s, depth + 1);
      }
      for (const k of e.kwargs) {
        let target = site.target ? `${site.target}.${k.name}` : k.name;
        const named = e.args[0]?.kind === 'str' ? e.args[0].value : kwargStr(e, 'name');
        if ((q === 'haiku.get_parameter' || method === 'get_variable') && named !== undefined) target = named;
        walk(ctx, visit, k.value, { target, kwarg: k.name, layerCall: e }, depth + 1);
      }
      walk(ctx, visit, e.callee, NO_SITE, depth + 1);
      return;
    }
    case 'object':
      for (const p of e.props) walk(ctx, visit, p.value, { target: site.target && site.layerCall ? `${site.target}.${p.name}` : p.name, kwarg: p.name, layerCall: site.layerCall }, depth + 1);
      return;
    case 'binary': {
      const l = numberOf(e.left);
      const r = numberOf(e.right);
      const scalable = e.op === '*' || e.op === '/';
      // The operands keep only the target: the site itself when it holds nothing else (a chain of operators then shares one).
      const targetOnly = !site.target ? NO_SITE : site.kwarg === undefined && site.layerCall === undefined && site.wrapper === undefined && site.scale === undefined ? site : { target: site.target };
      walk(ctx, visit, e.left, scalable && r !== undefined ? { ...site, scale: e.op === '*' ? r : r === 0 ? undefined : 1 / r } : targetOnly, depth + 1);
      walk(ctx, visit, e.right, scalable && e.op === '*' && l !== undefined ? { ...site, scale: l } : targetOnly, depth + 1);
      return;
    }
    case 'unary':
      walk(ctx, visit, e.arg, e.op === '-' ? { ...site, scale: -(site.scale ?? 1) } : site, depth + 1);
      return;
    case 'seq':
      for (const item of e.items) walk(ctx, visit, item, NO_SITE, depth + 1);
      return;
    case 'subscript':
      walk(ctx, visit, e.target, NO_SITE, depth + 1);
      for (const i of e.index) walk(ctx, visit, i, NO_SITE, depth + 1);
      return;
    case 'member':
      walk(ctx, visit, e.object, NO_SITE, depth + 1);
      return;
    case 'lambda':
      walk(ctx, visit, e.body, NO_SITE, depth + 1);
      return;
    case 'comprehension':
      walk(ctx, visit, e.element, { target: site.target }, depth + 1);
      return;
    case 'other':
      for (const c of e.children) walk(ctx, visit, c, NO_SITE, depth + 1);
      return;
    default:
      return;
  }
}
