// The shared pipeline: parse every unit (file or notebook cell), run the framework rules, drop the
// legitimate cases, decide activation and the ReLU trap, build fixes, honour suppressions.
import type { Tree } from '@lezer/common';
import { programActivation } from './activation';
import type { Candidate, RuleContext, Site, StatementRule } from './candidate';
import { forgetCallInfo } from './common';
import { buildFixes } from './fixes';
import { DEFAULT_SEVERITY, docPathFor, type Activation, type Finding, type Framework, type RuleCode, type Severity, type SourceLanguage } from './findings';
import { Resolver } from './imports';
import { legitReason, programFacts, type LegitReason } from './legit';
import { kwarg, numberOf, type Expr, type Program, type Statement } from './model';
import { isWeightName, lastSegment, layerSegment, numbered, segments, tokens } from './names';
import type { ChunkCache } from './chunkCache';
import { openProgram, type PythonReading } from './parse';
import { LineIndex } from './positions';
import { forEachSite } from './sites';
import { WholeFile } from './wholeFile';
import { isSuppressed, suppressions } from './suppress';
import { describe } from './messages';
import { EXPR_RULES, NON_CALL_RULES, STATEMENT_RULES } from './rules';

/** One piece of source analyzed on its own positions: a file, or one notebook cell. */
export interface Unit {
  text: string;
  language: SourceLanguage;
  /** Notebook cell index, copied to the findings. */
  cell?: number;
  /** A parse tree of `text` made already (incremental JS/TS sessions). */
  tree?: Tree;
  /** What was read from Python chunks, kept across analyses (AnalysisSession). */
  chunks?: ChunkCache;
}

/** Options the pipeline honours. */
export interface EngineOptions {
  frameworks?: readonly Framework[];
  severity?: Partial<Record<RuleCode, Severity>>;
  disabledRules?: readonly RuleCode[];
  /** Convert every statement (see BuildOptions.convertAll): the reference for relevance tests. */
  convertAll?: boolean;
  /** How Python is read (see BuildOptions.reading): Lezer only is the reference for the fast reader's tests. */
  reading?: PythonReading;
}

interface Located {
  c: Candidate;
  unit: number;
}

/** Runs every rule over the units and returns the findings, in unit then source order. */
export function runEngine(units: readonly Unit[], options: EngineOptions = {}): Finding[] {
  forgetCallInfo();
  const aliases = new Set<string>();
  // Every unit's imports first (openProgram reads them before the rest), then the statements chunk by chunk.
  const readings = units.map((u) => openProgram(u.text, u.language, { aliases, tree: u.tree, chunks: u.chunks, convertAll: options.convertAll, reading: options.reading }));
  const programs: Program[] = readings.map((r) => r.program);
  const python = units.some((u) => u.language === 'python');
  const resolver = new Resolver(programs.flatMap((p) => p.imports), python);
  const whole = new WholeFile(programs, resolver);
  const contexts: RuleContext[] = programs.map((program, unit) => ({ program, resolver, src: (s) => program.text.slice(s.from, s.to), whole: whole.unit(unit) }));
  const located: Located[] = [];
  // One visitor for every statement (not closures per statement: they were a seventh of the garbage).
  let stmt: Statement;
  let ctx: RuleContext;
  let unit = 0;
  let first = 0;
  const add = (c: Candidate): void => {
    // One candidate per node: the statement's few candidates so far are at the end of `located`.
    for (let i = first; i < located.length; i++) if (located[i].c.node.from === c.node.from) return;
    located.push({ c, unit });
  };
  const visit = (e: Expr, site: Site): void => {
    if (e.kind === 'call') whole.call(e);
    const rules = e.kind === 'call' ? EXPR_RULES : NON_CALL_RULES;
    for (let r = 0; r < rules.length; r++) {
      // A rule that throws reports nothing (inline: this runs for every rule and expression).
      let c: Candidate | undefined;
      try {
        c = rules[r](e, site, stmt, ctx);
      } catch {
        c = undefined;
      }
      if (c) {
        add(c);
        break;
      }
    }
  };
  /** Runs the rules on `stmt`; returns false when a rule asked about the whole unit before all of it was seen. */
  const runRules = (): boolean => {
    first = located.length;
    whole.asked = false;
    for (const rule of STATEMENT_RULES as readonly StatementRule[]) {
      let c: Candidate | undefined;
      try {
        c = rule(stmt, ctx);
      } catch {
        c = undefined;
      }
      if (c) add(c);
    }
    forEachSite(stmt, ctx, visit);
    if (!whole.asked) return true;
    located.length = first;
    return false;
  };
  // Statements whose rules asked too early, run again once the whole file is known (a few per file).
  const again: Array<[Statement, number]> = [];
  readings.forEach((reading, u) => {
    unit = u;
    ctx = contexts[u];
    reading.read((statements) => {
      for (let i = 0; i < statements.length; i++) {
        stmt = statements[i];
        whole.add(stmt, u);
        if (!runRules()) again.push([stmt, u]);
      }
    });
  });
  whole.finish();
  for ([stmt, unit] of again) {
    ctx = contexts[unit];
    runRules();
  }

  const weightish = located.filter(({ c }) => c.weightKnown || (c.target !== undefined && (isWeightName(layerSegment(c.target) ?? '') || isWeightName(lastSegment(c.target)))));
  const weightTargets = new Set(weightish.map(({ c }) => c.target ?? '').filter(Boolean));
  const facts = programFacts(programs, whole.layers, weightTargets);
  const fileActivation = programActivation(programs, whole.maximumOfZero());

  const legit: Array<Located & { reason: LegitReason }> = [];
  const reported: Located[] = [];
  const weightSet = new Set(weightish);
  for (const l of located) {
    const reason = legitReason(l.c, facts);
    if (reason) legit.push({ c: l.c, unit: l.unit, reason });
    else if (weightSet.has(l)) reported.push(l);
  }

  // LoRA with A = B = 0: both gradients stay zero (two zero layers in a row).
  const loraZero = legit.filter((l) => l.reason === 'lora' && l.c.value === 0);
  const loraSides = new Set(loraZero.map((l) => loraSide(l.c.target ?? '')));
  if (loraSides.has('A') && loraSides.has('B')) {
    for (const l of loraZero) reported.push({ c: { ...l.c, code: 'VI004', message: 'LoRA A and B both start at zero: each one\'s gradient is a product with the other, so neither ever moves.' }, unit: l.unit });
  }
  const zeroBiases = biasIndex(legit.filter((l) => l.reason === 'bias' && l.c.value === 0).map((l) => l.c.target ?? ''));

  const findings: Finding[] = [];
  const lineIndexes = programs.map((p) => new LineIndex(p.text));
  const supp = programs.map((p, i) => suppressions(p, lineIndexes[i]));
  reported.sort((a, b) => a.unit - b.unit || a.c.node.from - b.c.node.from);
  for (const { c: cand, unit } of reported) {
    let c = cand;
    if (options.frameworks && !options.frameworks.includes(c.framework)) continue;
    if (c.target && (c.kind === 'uninitialized' || c.stmt.kind === 'assign') && isReinitialized(c, unit, whole)) continue;
    const activation: Activation = c.activation ?? fileActivation;
    if (c.code === 'VI001' && c.value === 0 && activation === 'relu' && hasZeroBias(c, zeroBiases)) c = { ...c, code: 'VI004' };
    if (options.disabledRules?.includes(c.code)) continue;
    const lines = lineIndexes[unit];
    const range = lines.range(c.node.from, c.node.to);
    const stmtRange = lines.range(c.stmt.from, c.stmt.to);
    if (isSuppressed(supp[unit], c.code, [range.start.line, range.end.line, stmtRange.start.line])) continue;
    let severity = options.severity?.[c.code] ?? DEFAULT_SEVERITY[c.code];
    if (c.code === 'VI001' && !options.severity?.VI001 && /Linear|Conv|Dense/.test(c.stmt.ctx.guards.join(' '))) severity = 'error';
    const unitLang = units[unit].language;
    const finding: Finding = {
      code: c.code,
      severity,
      message: c.message ?? describe(c, activation),
      framework: c.framework,
      range,
      statementRange: stmtRange,
      activation,
      fixes: buildFixes(c, activation, lines, unitLang, c.code),
      visualize: {
        kind: c.kind,
        ...(c.value !== undefined ? { value: c.value } : {}),
        ...(c.fanIn !== undefined && c.units !== undefined ? { layerSizes: [c.fanIn, c.units] } : {}),
        activation,
      },
      docPath: docPathFor(c.code),
    };
    if (c.target !== undefined) finding.target = c.target;
    if (c.shape) finding.shape = c.shape;
    if (c.value !== undefined) finding.value = c.value;
    if (c.units !== undefined) finding.units = c.units;
    if (c.fanIn !== undefined) finding.fanIn = c.fanIn;
    if (units[unit].cell !== undefined) finding.cell = units[unit].cell;
    findings.push(finding);
  }
  return findings;
}

function loraSide(target: string): 'A' | 'B' | undefined {
  const toks = segments(target).flatMap(tokens);
  const i = toks.indexOf('lora');
  const next = i >= 0 ? toks[i + 1] : undefined;
  if (next === 'a' || next === 'down') return 'A';
  if (next === 'b' || next === 'up') return 'B';
  return undefined;
}

/** Zero-initialized biases, indexed for hasZeroBias. */
interface BiasIndex {
  any: boolean;
  /** Layer prefixes of dotted biases (`self.fc1` for `self.fc1.bias`). */
  layers: Set<string>;
  /** Numbers of bare numbered biases (`b1` -> 1). */
  numbers: Set<number>;
  bare: boolean;
}

function biasIndex(targets: readonly string[]): BiasIndex {
  const idx: BiasIndex = { any: targets.length > 0, layers: new Set(), numbers: new Set(), bare: false };
  for (const b of targets) {
    idx.layers.add(b.replace(/\.(bias|b)$/, ''));
    if (segments(b).length === 1) {
      idx.bare = true;
      const n = numbered(layerSegment(b) ?? b);
      if (n) idx.numbers.add(n[1]);
    }
  }
  return idx;
}

/** True when the layer's bias also starts at zero (explicitly, or by the framework's default). */
function hasZeroBias(c: Candidate, zeroBiases: BiasIndex): boolean {
  const call = c.layerCall;
  if (call && call.kind === 'call') {
    const useBias = kwarg(call, 'use_bias') ?? kwarg(call, 'useBias') ?? kwarg(call, 'with_bias');
    if (useBias && useBias.value.kind === 'name' && /^(False|false)$/.test(useBias.value.parts[0])) return true;
    const b = call.kwargs.find((k) => /^(bias_initializer|bias_init|b_init|biasInitializer)$/.test(k.name));
    if (!b) return c.framework !== 'pytorch';
    return isZeroInitExpr(b.value);
  }
  if (c.framework === 'keras' || c.framework === 'flax' || c.framework === 'haiku' || c.framework === 'tfjs') return true;
  if (!zeroBiases.any) return false;
  const target = c.target ?? '';
  const layer = target.replace(/\.(weight|kernel|w|W)$/, '');
  if (layer !== target) return zeroBiases.layers.has(layer);
  // Bare names (W1, params['W1']): the bias with the same number, or any bare bias when unnumbered.
  const num = numbered(layerSegment(target) ?? target);
  return num ? zeroBiases.numbers.has(num[1]) : zeroBiases.bare;
}

function isZeroInitExpr(e: Expr): boolean {
  if (e.kind === 'str') return /^zeros?$/i.test(e.value);
  if (e.kind === 'call') return isZeroInitExpr(e.callee) || numberOf(e.args[0]) === 0;
  if (e.kind === 'name') return /zero/i.test(e.parts[e.parts.length - 1]);
  return false;
}

/** True when a later statement (any later cell too) initializes the same target: then the constant is a placeholder. */
function isReinitialized(c: Candidate, unit: number, whole: WholeFile): boolean {
  const target = (c.target ?? '').replace(/\.data$/, '');
  if (!target) return false;
  const uninit = c.kind === 'uninitialized';
  const inWrapper = c.stmt.kind === 'assign' && c.stmt.value.kind === 'call' && c.stmt.value.from !== c.node.from;
  if (!uninit && !inWrapper) return false;
  const later = whole.laterIndex();
  const m = uninit ? later.any : later.random;
  const layer = target.replace(/\.(weight|kernel)$/, '');
  const sites = [...(m.get(target) ?? []), ...(layer !== target ? (m.get(layer) ?? []) : [])];
  for (const [u, from] of sites) {
    if (from === c.stmt.from && u === unit) continue;
    if (u > unit || from > c.stmt.from) return true;
    // reset_parameters() defined anywhere in the class initializes its parameters.
    if (u === unit && c.stmt.ctx.className) return true;
  }
  return false;
}
