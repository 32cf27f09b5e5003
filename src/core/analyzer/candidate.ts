// What a framework rule reports before the shared pipeline (legit cases, activation, VI004,
// fixes, suppression) turns it into a Finding.
import type { Activation, Framework, InitKind, RuleCode } from './findings';
import type { Resolver } from './imports';
import type { Expr, Program, Span, Statement } from './model';
import type { WholeUnit } from './wholeFile';

/** How a replacement fix is written for one candidate, in the framework's idiom. */
export interface FixPlan {
  /** The text to replace. */
  span: Span;
  /** Replacement text for He/Kaiming (ReLU family). */
  kaiming: string;
  /** Replacement text for Xavier/Glorot (tanh/sigmoid). */
  xavier: string;
}

/** A flagged initializer as a framework rule sees it. */
export interface Candidate {
  code: RuleCode;
  framework: Framework;
  kind: InitKind;
  /** The initializer expression (the finding's range). */
  node: Span;
  stmt: Statement;
  value?: number;
  shape?: number[];
  /** Source text of each dimension (`n_in`, `784`) when the shape expression is a tuple/list. */
  dims?: string[];
  /** Source text of the initialized thing ('W1', 'self.fc.weight', 'kernel_initializer'). */
  target?: string;
  /** True when the rule already knows the target is a weight (e.g. a kernel initializer). */
  weightKnown: boolean;
  units?: number;
  fanIn?: number;
  /** Activation named on the same layer (Keras `activation='relu'`), if any. */
  activation?: Activation;
  /** The layer construction call the initializer belongs to (Dense(...)), if any. */
  layerCall?: Expr;
  fix?: FixPlan;
  /** Rows of a copied-rows finding are copies of this expression's text. */
  message?: string;
}

/** Where an expression sits: what it initializes and in which layer call. */
export interface Site {
  target?: string;
  /** The keyword / property name this expression is the value of. */
  kwarg?: string;
  /** The call whose keyword / config object holds this expression. */
  layerCall?: Expr & { kind: 'call' };
  /** Qualified name of a wrapper the expression is the argument of (torch.nn.Parameter, tensorflow.Variable). */
  wrapper?: string;
  /** A numeric factor the expression is multiplied by (`0.5 * np.ones(...)`). */
  scale?: number;
}

/** Everything a framework rule may consult. */
export interface RuleContext {
  program: Program;
  resolver: Resolver;
  /** Source text of a span (a function property: passed on as it is, unbound). */
  src: (span: Span) => string;
  /** What the whole unit says (wholeFile.ts). */
  whole: WholeUnit;
}

/** A framework rule: looks at one expression in its site and may report a candidate. */
export type ExprRule = (e: Expr, site: Site, stmt: Statement, ctx: RuleContext) => Candidate | undefined;

/** A statement-level rule (`W[:] = 0`, `W *= 0`, `W.fill(c)`). */
export type StatementRule = (stmt: Statement, ctx: RuleContext) => Candidate | undefined;
