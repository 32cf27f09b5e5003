// The rules' documentation pages (docs/rules/<code>.md) for the linter's output: esbuild.js inlines
// them into dist/cli.js, so the SARIF a CI job uploads carries each rule's help wherever the bundle runs.
import { RULE_TITLES, docPathFor, type RuleCode } from '../core/analyzer/index';

/** Markdown of each rule's page, by code (set by esbuild.js's `define`; absent when run from source). */
declare const __VI_RULE_DOCS__: Readonly<Partial<Record<RuleCode, string>>> | undefined;

/** The markdown of each rule's page, as far as it is known. */
export type RuleDocs = Readonly<Partial<Record<RuleCode, string>>>;

/** The pages built into this bundle (none when the CLI runs from source, e.g. under tsx). */
export function bundledRuleDocs(): RuleDocs {
  return typeof __VI_RULE_DOCS__ === 'object' && __VI_RULE_DOCS__ !== null ? __VI_RULE_DOCS__ : {};
}

/**
 * A rule's help for SARIF (`help.text` is required, `help.markdown` optional): its page,
 * with links to sibling pages reduced to the rule code (they are in the same rule table, and a
 * relative link would resolve against the viewer's own site); without a page, the title and where it is.
 */
export function ruleHelp(code: RuleCode, docs: RuleDocs): { text: string; markdown?: string } {
  const page = docs[code];
  if (page === undefined) return { text: `${RULE_TITLES[code]}. See ${docPathFor(code)} in the visualize-init package.` };
  const markdown = page.replace(/\[([^\]]*)\]\((VI\d{3})\.md\)/g, '$1').trim();
  // The pages are written to read well as plain text too; stripping markup would mangle code (`x ** 2`).
  return { text: markdown, markdown };
}
