// Which code can matter to a rule: cheap substring tests that let the analyzer convert (and
// parse) less. A speed-up, not the analysis itself: a false positive only costs time.

/**
 * Substrings without which a statement cannot matter to any rule. A statement lacking all of them
 * is not converted (its assignment targets still are): a speed-up, not the analysis itself. The
 * layer names count the file's layers (legit.ts), `seed` finds re-seeding in a loop, `_(` an in-place
 * method (`W.copy_(...)`) that initializes what an earlier statement left empty or constant.
 */
const TRIGGERS = ['zero', 'Zero', 'one', 'One', 'full', 'empty', 'fill', 'onstant', 'init', 'Init', 'aram', 'ariable', 'tile', 'repeat', 'broadcast', 'outer', 'expand', 'ormal', 'niform', 'rand', 'mul_', 'eights', 'assign', 'tree_at', 'maximum', 'require', 'seed', '_(', 'Linear', 'Dense', 'dense', 'Conv', 'conv', 'LSTM', 'lstm', 'GRU', 'gru', 'RNN', 'MLP', 'Bilinear', '*', '@', 'dot', '[:]', '[...]'];

/**
 * Occurrences of a trigger that do not count: in code most files hold and that names no
 * initializer. `None`; a constructor's `__init__` (not `init_weights`, `nn.init`, and not other dunder
 * calls: `W.__setitem__(...)` fills W in place like `W.copy_(...)`); `zero_grad()`; `.parameters()` (not
 * `nn.Parameter`, `self.param`, `reset_parameters()`).
 */
const EXCEPT: Readonly<Record<string, string>> = { one: '(?<!N)one', init: '(?<!__)init|init(?!__)', '_(': '(?<!__init_)_\\(', zero: 'zero(?!_grad)', aram: '(?<!\\.p)aram|aram(?!eters\\(\\))' };

/** TRIGGERS as the alternatives of one pattern, with the exceptions above. */
export const TRIGGER_ALTERNATIVES: readonly string[] = TRIGGERS.flatMap((t) => (EXCEPT[t] ?? t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).split('|'));

/**
 * The alternatives grouped by their first character, which is written once where no look-behind
 * precedes it (`e(?:mpty|xpand|ights)`): the same matches, found in half the time (a search runs over
 * every statement of a file that mentions an initializer; several times faster than a search per trigger).
 */
function groupedPattern(alternatives: readonly string[]): RegExp {
  const groups = new Map<string, string[]>();
  for (const alt of alternatives) {
    const first = /^(?:\(\?<!(?:[^()\\]|\\.)*\))?(\\?.)/.exec(alt)?.[1] ?? alt;
    const group = groups.get(first);
    if (group) group.push(alt);
    else groups.set(first, [alt]);
  }
  const parts = [...groups].map(([first, alts]) => {
    if (alts.length === 1) return alts[0];
    if (alts.every((a) => a.startsWith(first))) return `${first}(?:${alts.map((a) => a.slice(first.length)).join('|')})`;
    return `(?:${alts.join('|')})`;
  });
  return new RegExp(parts.join('|'));
}

const TRIGGER_PATTERN = groupedPattern(TRIGGER_ALTERNATIVES);

/** True when `code` contains a trigger substring (see TRIGGERS), not counting the exceptions above. */
export function hasTrigger(code: string): boolean {
  return TRIGGER_PATTERN.test(code);
}

export function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c >= 128;
}

/** True when `code` uses one of the imported `names` as a whole identifier (`np` in `np.zeros`, not in `inp`). */
export function mentionsName(code: string, names: ReadonlySet<string>): boolean {
  for (const a of names) {
    if (!a) continue;
    for (let i = code.indexOf(a); i >= 0; i = code.indexOf(a, i + 1)) {
      if (!isIdentChar(code.charCodeAt(i - 1)) && !isIdentChar(code.charCodeAt(i + a.length))) return true;
    }
  }
  return false;
}

/**
 * True when statements that use an imported name must be converted although they hold no trigger:
 * when its qualified name holds one (`from torch.nn.init import constant_ as c` makes `c(w, 0.5)`
 * relevant). A module (`import torch.nn.functional as F`) does not: what a rule reads through it is
 * spelled out after the dot (`np.zeros`) and holds a trigger itself.
 */
export function aliasMatters(qualified: string): boolean {
  return hasTrigger(qualified);
}

/** True when a statement's text contains a trigger substring or an imported name that matters: only then is its value converted. */
export function statementRelevant(code: string, aliases: ReadonlySet<string>): boolean {
  return hasTrigger(code) || mentionsName(code, aliases);
}

/** A word that may be a weight's name (names.ts isWeightName: W, W1, Wxh, w_in, weights, kernel), or more. */
const WEIGHT_WORD = /\b[Ww](?![a-z]{4})|eight|EIGHT|ernel|ERNEL/;
/** An `=` that assigns (not `==`, `<=`, `>=`, `!=`), or a keyword argument. */
const ASSIGNMENT = /(?:^|[^=!<>])=(?!=)/;

/**
 * True when a Python chunk may hold something a rule reads: a trigger substring (see hasTrigger), an
 * imported name, an import, or an assignment to what may be a weight (the file's layer count reads its
 * target whatever the value). A superset of a statement's relevance (statementRelevant) over the chunk's statements.
 */
export function chunkRelevant(code: string, aliases: ReadonlySet<string>): boolean {
  if (code.includes('import')) return true;
  if (hasTrigger(code)) return true;
  if (ASSIGNMENT.test(code) && WEIGHT_WORD.test(code)) return true;
  return mentionsName(code, aliases);
}
