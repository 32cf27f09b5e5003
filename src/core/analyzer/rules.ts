// The rule tables, in priority order: the first expression rule that reports wins for an expression.
import type { ExprRule, StatementRule } from './candidate';
import { randomTimesZero } from './common';
import { initializerArguments } from './initializers';
import { jaxArrays } from './jax';
import { tensorflowArrays } from './keras';
import { fillStatements, numpyCalls, numpyFill, pythonLists, reseedInLoop } from './numpy';
import { tfjsArrays } from './tfjs';
import { torchCalls } from './torch';

/** Expression rules (called for every call of every statement, with its site). */
export const EXPR_RULES: readonly ExprRule[] = [randomTimesZero, initializerArguments, numpyCalls, torchCalls, tensorflowArrays, jaxArrays, tfjsArrays, pythonLists];

/**
 * The expression rules that can report an expression other than a call (a keyword's string, a list
 * product), in the same order: the only ones called for such expressions, which are most of them.
 */
export const NON_CALL_RULES: readonly ExprRule[] = [initializerArguments, pythonLists];

/** Statement rules (called once per statement). */
export const STATEMENT_RULES: readonly StatementRule[] = [fillStatements, numpyFill, reseedInLoop];
