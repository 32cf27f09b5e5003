// The rule tables, in priority order: the first expression rule that reports wins for an expression.
import type { ExprRule, StatementRule } from './candidate';
import { randomTimesZero } from './common';
import { initializerArguments } from './initializers';
import { jaxArrays } from './jax';
import { tensorflowArrays } from './keras';
import { fillStatements, numpyCalls, numpyFill, pythonLists, reseedInLoop } from './numpy';
import { tfjsArrays } from './tfjs';
import { torchCalls } from './torch';

/** Expression rules (called for every expression of every statement, with its site). */
export const EXPR_RULES: readonly ExprRule[] = [randomTimesZero, initializerArguments, numpyCalls, torchCalls, tensorflowArrays, jaxArrays, tfjsArrays, pythonLists];

/** Statement rules (called once per statement). */
export const STATEMENT_RULES: readonly StatementRule[] = [fillStatements, numpyFill, reseedInLoop];
