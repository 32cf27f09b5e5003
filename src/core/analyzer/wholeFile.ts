// What the whole file (every cell of a notebook) tells the rules and the pipeline, gathered statement
// by statement as the model streams past the engine (parse.ts openProgram): the model is not kept,
// so nothing here may look back at it. A rule that asks before the last statement has been seen is
// run again on its statement once all are (see `asked`).
import { usesMaximumZero } from './activation';
import type { Resolver } from './imports';
import { LayerTally } from './legit';
import type { Expr, Program, Statement } from './model';
import { addOutFirstNames } from './numpy';
import { linearLayer } from './torch';

/** What the rules may ask about the whole unit their statement is in (RuleContext.whole). */
export interface WholeUnit {
  /**
   * Sizes [in, out] of the torch Linear layer assigned to `layer`: the last such assignment in the
   * class `className` when there is one (every module has its own `self.fc1`), else in the unit.
   */
  linearSizes(layer: string, className: string | undefined): [number, number] | undefined;
  /** True when `name` is the left operand of `@` or np.dot's first argument somewhere: an (out, in) weight. */
  isOutFirst(name: string): boolean;
}

/** Where each text is initialized: text -> positions (unit, statement offset). */
export interface LaterIndex {
  any: Map<string, Array<[number, number]>>;
  random: Map<string, Array<[number, number]>>;
}

/** Names of in-place or fresh random draws (`normal_`, `randn`), besides every `kaiming_...` and `xavier_...`. */
const RANDOM_INIT = new Set(['normal_', 'uniform_', 'orthogonal_', 'trunc_normal_', 'eye_', 'dirac_', 'sparse_', 'reset_parameters', 'copy_', 'normal', 'uniform', 'randn', 'rand', 'standard_normal']);

/** How a call named `last` initializes its argument or receiver in place: not at all, somehow (`fill_`), or with a random draw. */
function inPlaceKind(last: string): 'none' | 'any' | 'random' {
  if (RANDOM_INIT.has(last) || (last.startsWith('kaiming_') && last.length > 8) || (last.startsWith('xavier_') && last.length > 7)) return 'random';
  return last.charCodeAt(last.length - 1) === 95 ? 'any' : 'none';
}

/** An in-place initialization a statement makes: what it initializes, and whether with a random draw. */
interface InPlaceInit {
  text: string;
  unit: number;
  at: number;
  random: boolean;
}

class UnitFacts implements WholeUnit {
  private readonly linear = new Map<string, [number, number]>();
  /** The same by class and layer (`Net self.fc1`). */
  private readonly linearInClass = new Map<string, [number, number]>();
  private readonly outFirst = new Set<string>();
  private readonly hasMatMul: boolean;
  /** Neither `@` nor `dot` in the text: no statement can have an out-first operand (most files). */
  private readonly noOutFirst: boolean;
  maximumOfZero = false;
  private readonly seeksMaximum: boolean;

  constructor(
    private readonly file: WholeFile,
    readonly program: Program,
  ) {
    this.hasMatMul = program.text.includes('@');
    this.noOutFirst = !this.hasMatMul && !program.text.includes('dot');
    this.seeksMaximum = program.text.includes('maximum');
  }

  add(s: Statement, resolver: Resolver, stack: Expr[]): void {
    const text = this.program.text;
    const layer = linearLayer(s, resolver, text);
    if (layer) {
      this.linear.set(layer[0], layer[1]);
      if (s.ctx.className !== undefined) this.linearInClass.set(`${s.ctx.className} ${layer[0]}`, layer[1]);
    }
    if (!this.noOutFirst) addOutFirstNames(s.value, text, this.outFirst, stack);
    if (this.seeksMaximum && !this.maximumOfZero) this.maximumOfZero = usesMaximumZero(s, stack);
  }

  linearSizes(layer: string, className: string | undefined): [number, number] | undefined {
    this.file.ask();
    return (className !== undefined ? this.linearInClass.get(`${className} ${layer}`) : undefined) ?? this.linear.get(layer);
  }

  isOutFirst(name: string): boolean {
    if (this.noOutFirst) return false;
    this.file.ask();
    // Without `@`, only np.dot makes operands out-first, and only when `dot` is a word of the file.
    if (!this.hasMatMul && !this.program.words.has('dot')) return false;
    return this.outFirst.has(name);
  }
}

/** The whole-file facts of one analysis. */
export class WholeFile {
  /** Set when a rule asked a unit while statements were still to come: the engine runs that statement's rules again at the end. */
  asked = false;
  private complete = false;
  readonly layers = new LayerTally();
  private readonly units: UnitFacts[];
  /** Assignment targets as [unit, statement offset, from, to], four numbers each (their texts are cut when first needed). */
  private readonly targets: number[] = [];
  private readonly inPlace: InPlaceInit[] = [];
  private later: LaterIndex | undefined;
  private readonly stack: Expr[] = [];
  private unitOf = 0;
  private statementAt = 0;
  /** Whether the layer constructors the statement last added calls count (LayerTally.add). */
  private countsLayers = false;
  /**
   * Whether any assignment counts as an initialization: only an uninitialized allocation
   * (`np.empty`, `torch.empty`: the word is in the file) asks; the other placeholders ask for
   * random in-place draws only.
   */
  private readonly assignmentsCount: boolean;

  constructor(
    programs: readonly Program[],
    private readonly resolver: Resolver,
  ) {
    this.units = programs.map((p) => new UnitFacts(this, p));
    this.assignmentsCount = programs.some((p) => p.text.includes('empty'));
  }

  unit(i: number): WholeUnit {
    return this.units[i];
  }

  ask(): void {
    if (!this.complete) this.asked = true;
  }

  /** Takes in one statement of unit `unit`, in file order (its calls come next, through `call`). */
  add(s: Statement, unit: number): void {
    const facts = this.units[unit];
    facts.add(s, this.resolver, this.stack);
    this.countsLayers = this.layers.add(s, facts.program.text);
    if (this.assignmentsCount && s.kind === 'assign') for (const t of s.targets) this.targets.push(unit, s.from, t.from, t.to);
    this.unitOf = unit;
    this.statementAt = s.from;
  }

  /**
   * Takes in a call of the statement last added (the rules' walk over it hands every call here, so
   * that no second walk is needed): a layer it constructs, what it initializes in place, its first
   * argument and its receiver (`W.normal_()`, `nn.init.zeros_(W)`).
   */
  call(e: Expr & { kind: 'call' }): void {
    if (this.complete) return;
    const callee = e.callee.kind === 'name' ? e.callee.parts : undefined;
    const last = callee ? callee[callee.length - 1] : e.callee.kind === 'member' ? e.callee.prop : '';
    if (this.countsLayers) this.layers.call(last);
    const kind = inPlaceKind(last);
    if (kind === 'none' || (kind === 'any' && !this.assignmentsCount)) return;
    const text = this.units[this.unitOf].program.text;
    const random = kind === 'random';
    if (e.args[0]) this.putInPlace(text.slice(e.args[0].from, e.args[0].to), random);
    // The receiver, unless the callee is an imported function (`nn.init.zeros_`: `nn.init` is a module, not a tensor).
    if (callee && callee.length > 1 && this.resolver.qualify(callee) === undefined) this.putInPlace(callee.slice(0, -1).join('.'), random);
  }

  /** Records that the statement last added initializes `text` in place (a method: a closure in `call` would allocate a context on each call). */
  private putInPlace(text: string, random: boolean): void {
    this.inPlace.push({ text: text.replace(/\.data$/, ''), unit: this.unitOf, at: this.statementAt, random });
  }

  /** Marks the end of the statements: from now on the answers are final. */
  finish(): void {
    this.complete = true;
  }

  /** Per unit: whether a statement calls `maximum(0, x)`. */
  maximumOfZero(): boolean[] {
    return this.units.map((u) => u.maximumOfZero);
  }

  /** Where each text is initialized (assigned, or filled in place), built on first use. */
  laterIndex(): LaterIndex {
    if (this.later) return this.later;
    const idx: LaterIndex = { any: new Map(), random: new Map() };
    const put = (m: Map<string, Array<[number, number]>>, key: string, at: [number, number]) => {
      const list = m.get(key);
      if (list) list.push(at);
      else m.set(key, [at]);
    };
    const t = this.targets;
    for (let i = 0; i < t.length; i += 4) put(idx.any, this.units[t[i]].program.text.slice(t[i + 2], t[i + 3]).replace(/\[.*$/, ''), [t[i], t[i + 1]]);
    for (const p of this.inPlace) {
      put(idx.any, p.text, [p.unit, p.at]);
      if (p.random) put(idx.random, p.text, [p.unit, p.at]);
    }
    return (this.later = idx);
  }
}
