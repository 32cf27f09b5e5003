// PyTorch rules: torch.nn.init constant fills, in-place tensor fills (fill_, zero_, mul_(0),
// normal_(std=0), uniform_(c, c)), constant/empty tensors wrapped in nn.Parameter, copied rows.
import type { Candidate, ExprRule, RuleContext, Site } from './candidate';
import { arg, callInfo, kindOf, scaled, type CallInfo } from './common';
import { torchInitPlan, torchTensorPlan, weightDims } from './fixes';
import { numberOf, type Statement } from './model';
import { isWeightName } from './names';
import type { Resolver } from './imports';
import { readVarShape } from './shape';

/** `self.fc1 = nn.Linear(784, 128)` -> ['self.fc1', [784, 128]] (in, out): one statement's entry of the unit's layer sizes (wholeFile.ts). */
export function linearLayer(s: Statement, resolver: Resolver, text: string): [string, [number, number]] | undefined {
  if (s.kind !== 'assign' || s.targets.length !== 1 || s.value.kind !== 'call') return undefined;
  if (resolver.qualifyExpr(s.value.callee) !== 'torch.nn.Linear') return undefined;
  const fin = numberOf(arg(s.value, 0, 'in_features'));
  const fout = numberOf(arg(s.value, 1, 'out_features'));
  return fin !== undefined && fout !== undefined ? [text.slice(s.targets[0].from, s.targets[0].to), [fin, fout]] : undefined;
}

/** True when a tensor expression text names a weight (`self.fc.weight`, `W1`, `m.weight.data`, a parameter in a weight loop). */
function isWeightTensor(text: string, stmt: Statement): boolean {
  const t = text.replace(/\.data$/, '');
  if (/(^|\.)weight(_\w+)?$/.test(t)) return true;
  const last = t.slice(t.lastIndexOf('.') + 1);
  if (isWeightName(last)) return true;
  const guards = stmt.ctx.guards.join(' ');
  return /parameters\(\)/.test(guards) && /weight/.test(guards) && !/bias/.test(guards.replace(/'weight' in/, ''));
}

function withLayer(c: Candidate, tensor: string, ctx: RuleContext): Candidate {
  const layer = tensor.replace(/\.weight$/, '');
  const sizes = layer !== tensor ? ctx.whole.linearSizes(layer, c.stmt.ctx.className) : undefined;
  if (sizes) {
    c.fanIn = sizes[0];
    c.units = sizes[1];
    c.shape = [sizes[1], sizes[0]];
  }
  return c;
}

function initCall(info: CallInfo, stmt: Statement, ctx: RuleContext): Candidate | undefined {
  const fn = info.q?.slice('torch.nn.init.'.length) ?? '';
  const call = info.call;
  const tensorExpr = call.args[0] ?? arg(call, 0, 'tensor');
  if (!tensorExpr) return undefined;
  const tensor = ctx.src(tensorExpr).replace(/\.data$/, '');
  let value: number | undefined;
  let code: Candidate['code'] = 'VI001';
  switch (fn) {
    case 'zeros_':
      value = 0;
      break;
    case 'ones_':
      value = 1;
      break;
    case 'constant_':
    case 'constant':
      value = numberOf(arg(call, 1, 'val'));
      if (value === undefined) return undefined;
      break;
    case 'normal_':
    case 'normal':
    case 'trunc_normal_':
      if (numberOf(arg(call, 2, 'std')) !== 0) return undefined;
      value = numberOf(arg(call, 1, 'mean')) ?? 0;
      code = 'VI003';
      break;
    case 'uniform_':
    case 'uniform': {
      const a = numberOf(arg(call, 1, 'a'));
      if (a === undefined || a !== numberOf(arg(call, 2, 'b'))) return undefined;
      value = a;
      code = 'VI003';
      break;
    }
    default:
      return undefined;
  }
  const c: Candidate = {
    code,
    framework: 'pytorch',
    kind: code === 'VI003' ? 'degenerateRandom' : kindOf(value),
    node: call,
    stmt,
    value,
    target: tensor,
    weightKnown: isWeightTensor(tensor, stmt),
    fix: torchInitPlan(call, ctx.resolver, tensor),
  };
  return withLayer(c, tensor, ctx);
}

function tensorMethod(info: CallInfo, stmt: Statement, ctx: RuleContext): Candidate | undefined {
  if (info.q || !info.receiver) return undefined;
  const call = info.call;
  const tensor = info.receiver.replace(/\.data$/, '');
  let value: number | undefined;
  let code: Candidate['code'] = 'VI001';
  switch (info.method) {
    case 'fill_':
      value = numberOf(call.args[0] ?? arg(call, 0, 'value'));
      break;
    case 'zero_':
      value = 0;
      break;
    case 'mul_':
      if (numberOf(call.args[0]) !== 0) return undefined;
      value = 0;
      code = 'VI003';
      break;
    case 'normal_':
      if (numberOf(arg(call, 1, 'std')) !== 0) return undefined;
      value = numberOf(arg(call, 0, 'mean')) ?? 0;
      code = 'VI003';
      break;
    case 'uniform_': {
      const a = numberOf(arg(call, 0, 'from'));
      if (a === undefined || a !== numberOf(arg(call, 1, 'to'))) return undefined;
      value = a;
      code = 'VI003';
      break;
    }
    default:
      return undefined;
  }
  if (value === undefined) return undefined;
  const c: Candidate = {
    code,
    framework: 'pytorch',
    kind: code === 'VI003' ? 'degenerateRandom' : kindOf(value),
    node: call,
    stmt,
    value,
    target: tensor,
    weightKnown: isWeightTensor(info.receiver, stmt),
    fix: torchInitPlan(call, ctx.resolver, tensor),
  };
  return withLayer(c, tensor, ctx);
}

const CONSTRUCTORS = new Set(['zeros', 'ones', 'full', 'zeros_like', 'ones_like', 'full_like', 'empty', 'empty_like']);

function constructor(info: CallInfo, site: Site, stmt: Statement, ctx: RuleContext): Candidate | undefined {
  const name = info.q?.slice('torch.'.length) ?? '';
  if (!CONSTRUCTORS.has(name)) return undefined;
  const call = info.call;
  const like = name.endsWith('_like');
  const full = name.startsWith('full');
  const uninit = name.startsWith('empty');
  const src = ctx.src;
  const sizeKw = arg(call, -1, 'size');
  const shapeInfo = like ? undefined : sizeKw ? readVarShape([sizeKw], src) : readVarShape(full ? call.args.slice(0, 1) : call.args, src);
  const base = name.startsWith('zeros') ? 0 : name.startsWith('ones') ? 1 : full ? numberOf(arg(call, like ? 1 : 1, 'fill_value')) : undefined;
  if (!uninit && base === undefined) return undefined;
  const value = uninit ? undefined : scaled(base, site);
  const outFirst = !!site.wrapper;
  const requiresGrad = call.kwargs.some((k) => k.name === 'requires_grad');
  const c: Candidate = {
    code: uninit ? 'VI005' : 'VI001',
    framework: 'pytorch',
    kind: uninit ? 'uninitialized' : kindOf(value),
    node: call,
    stmt,
    target: site.target,
    weightKnown: !!site.wrapper || requiresGrad,
  };
  if (value !== undefined) c.value = value;
  if (shapeInfo) {
    c.dims = shapeInfo.dims;
    if (shapeInfo.shape) {
      c.shape = shapeInfo.shape;
      if (shapeInfo.shape.length === 2) {
        c.units = outFirst ? shapeInfo.shape[0] : shapeInfo.shape[1];
        c.fanIn = outFirst ? shapeInfo.shape[1] : shapeInfo.shape[0];
      }
    }
  }
  const wd = weightDims(shapeInfo?.dims, !outFirst, '(', ')', like && call.args[0] ? src(call.args[0]) : undefined);
  if (wd && !like) c.fix = torchTensorPlan(call, ctx.resolver, wd);
  return c;
}

function degenerateNormal(info: CallInfo, site: Site, stmt: Statement): Candidate | undefined {
  if (info.q !== 'torch.normal') return undefined;
  const call = info.call;
  if (numberOf(arg(call, 1, 'std')) !== 0) return undefined;
  return { code: 'VI003', framework: 'pytorch', kind: 'degenerateRandom', node: call, stmt, value: scaled(numberOf(arg(call, 0, 'mean')) ?? 0, site), target: site.target, weightKnown: !!site.wrapper };
}

function copiedRows(info: CallInfo, site: Site, stmt: Statement, ctx: RuleContext): Candidate | undefined {
  if (info.q || !site.target) return undefined;
  const call = info.call;
  const a0 = call.args[0];
  const a1 = call.args[1];
  const rows = (info.method === 'repeat' && numberOf(a1) === 1 && call.args.length === 2) || (info.method === 'expand' && numberOf(a1) === -1 && call.args.length === 2);
  if (!rows || !a0) return undefined;
  return { code: 'VI002', framework: 'pytorch', kind: 'copiedRows', node: call, stmt, target: site.target, weightKnown: !!site.wrapper, dims: [ctx.src(a0), '?'] };
}

/** PyTorch calls: init functions, in-place fills, constructors, torch.normal(std=0), v.repeat(n, 1). */
export const torchCalls: ExprRule = (e, site, stmt, ctx) => {
  const info = callInfo(e, ctx);
  if (!info) return undefined;
  if (info.q?.startsWith('torch.nn.init.')) return initCall(info, stmt, ctx);
  if (info.q?.startsWith('torch.')) return constructor(info, site, stmt, ctx) ?? degenerateNormal(info, site, stmt);
  return tensorMethod(info, stmt, ctx) ?? copiedRows(info, site, stmt, ctx);
};
