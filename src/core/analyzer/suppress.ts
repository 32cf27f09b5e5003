// Suppression comments: `# visualize-init: ignore` or `# visualize-init: ignore[VI001, VI004]` on a
// line (Python); `// visualize-init: ignore` in JS/TS. They silence findings on that line.
import type { RuleCode } from './findings';
import type { Program } from './model';
import type { LineIndex } from './positions';

/** Per line: 'all' or the set of codes silenced there. */
export type Suppressions = Map<number, 'all' | Set<string>>;

const DIRECTIVE = /visualize-init:\s*ignore(?!-)(?:\[([^\]]*)\])?/;

/** Reads every suppression directive from a program's comments. */
export function suppressions(program: Program, lines: LineIndex): Suppressions {
  const out: Suppressions = new Map();
  for (const c of program.comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const line = lines.lineOf(c.from);
    const codes = m[1]?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
    const prev = out.get(line);
    if (!codes || codes.length === 0 || prev === 'all') out.set(line, 'all');
    else out.set(line, new Set([...(prev ?? []), ...codes]));
  }
  return out;
}

/** True when `code` is silenced on any of the given lines. */
export function isSuppressed(s: Suppressions, code: RuleCode, lineNumbers: readonly number[]): boolean {
  for (const l of lineNumbers) {
    const v = s.get(l);
    if (v === 'all' || (v && v.has(code))) return true;
  }
  return false;
}
