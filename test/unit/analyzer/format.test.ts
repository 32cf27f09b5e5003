import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, RULE_CODES } from '../../../src/core/analyzer/index';
import { readFileSync } from 'node:fs';
import { exitCode, formatJson, formatNotices, formatSarif, formatText, sarifLevel, summarize, type FileResult } from '../../../src/cli/format';
import { ruleHelp, type RuleDocs } from '../../../src/cli/ruleDocs';

/** The rules' pages as esbuild.js inlines them into dist/cli.js. */
const docs: RuleDocs = Object.fromEntries(RULE_CODES.map((c) => [c, readFileSync(`docs/rules/${c}.md`, 'utf8')]));

const src = 'import numpy as np\nW1 = np.zeros((784, 128))\nW_h = np.ones((128, 128))\nW3 = np.random.randn(128, 10)\n';
const findings = analyze(src).findings;
const results: FileResult[] = [
  { path: 'src/model.py', findings },
  { path: 'clean.py', findings: [] },
  { path: 'big.py', findings: [], skipped: 'file is 9 bytes, larger than --max-file-size 1' },
];

test('fixture of the formatter tests has two findings', () => {
  assert.deepEqual(findings.map((f) => f.code), ['VI001', 'VI001']);
});

test('text: one 1-based path:line:col line per finding, then a summary', () => {
  const lines = formatText(results).trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^src\/model\.py:2:6: warning VI001 All 128 units of this 784x128 layer start identical/);
  assert.match(lines[1], /^src\/model\.py:3:7: warning VI001 /);
  assert.equal(lines[2], '2 findings in 3 files (1 skipped)');
  assert.deepEqual(formatNotices(results), ['big.py: skipped: file is 9 bytes, larger than --max-file-size 1']);
});

test('text marks notebook cells (1-based)', () => {
  const nb: FileResult = { path: 'a.ipynb', findings: [{ ...findings[0], cell: 2 }] };
  assert.match(formatText([nb]), /^a\.ipynb \(cell 3\):2:6: /);
});

test('summary and exit codes', () => {
  assert.deepEqual(summarize(results), { files: 3, findings: 2, skipped: 1, errors: 0 });
  assert.equal(exitCode(results), 1);
  assert.equal(exitCode([{ path: 'a.py', findings: [] }]), 0);
  assert.equal(exitCode([...results, { path: 'x.py', findings: [], error: 'EACCES' }]), 2);
});

test('json: schema version, 1-based positions, shape, value and replacement texts', () => {
  const doc = JSON.parse(formatJson(results, '9.9.9'));
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.tool, { name: 'visualize-init', version: '9.9.9' });
  assert.equal(doc.findings.length, 2);
  const f = doc.findings[0];
  assert.deepEqual([f.path, f.line, f.column, f.endLine, f.endColumn, f.code], ['src/model.py', 2, 6, 2, 26, 'VI001']);
  assert.deepEqual(f.shape, [784, 128]);
  assert.equal(f.value, 0);
  assert.equal(f.fixes.length, 2);
  assert.ok(f.fixes.some((x: { preferred: boolean }) => x.preferred));
  assert.deepEqual(doc.notices, [{ path: 'big.py', skipped: 'file is 9 bytes, larger than --max-file-size 1' }]);
});

test('sarif: 2.1.0 with a rule per code (help from its page), results pointing at rules, regions 1-based', () => {
  const log = JSON.parse(formatSarif(results, '1.2.3', docs));
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'visualize-init');
  assert.equal(run.tool.driver.version, '1.2.3');
  assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), [...RULE_CODES]);
  for (const r of run.tool.driver.rules) {
    assert.equal(r.helpUri, undefined, 'no public address exists for the rules\' pages');
    assert.ok(r.help.markdown.startsWith(`# ${r.id}: `), r.help.markdown.slice(0, 40));
    assert.ok(r.help.text.includes('## Left alone') || r.help.text.includes('## What it flags'), `${r.id}: the whole page`);
    assert.doesNotMatch(r.help.markdown, /\]\(VI\d{3}\.md\)/, 'links to sibling pages would be dead in a code-scanning viewer');
    assert.ok(r.shortDescription.text.length > 0);
    assert.match(r.name, /^[A-Z][A-Za-z0-9]*$/);
  }
  assert.equal(run.results.length, 2);
  const res = run.results[0];
  assert.equal(res.ruleId, 'VI001');
  assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'VI001');
  assert.equal(res.level, 'warning');
  assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 2, startColumn: 6, endLine: 2, endColumn: 26 });
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'src/model.py');
  assert.equal(run.invocations[0].executionSuccessful, true);
  assert.equal(run.invocations[0].toolExecutionNotifications.length, 1);
});

test('sarif levels and URI encoding', () => {
  assert.deepEqual((['error', 'warning', 'information', 'hint'] as const).map(sarifLevel), ['error', 'warning', 'note', 'note']);
  const log = JSON.parse(formatSarif([{ path: 'my dir/a#b.py', findings }], '1', docs));
  assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'my%20dir/a%23b.py');
});

test('rule help: sibling links become the code; without a page, the title and the page\'s path in the package', () => {
  const help = ruleHelp('VI001', docs);
  assert.match(docs.VI001 ?? '', /\[VI004\]\(VI004\.md\)/, 'the fixture page links to VI004');
  assert.match(help.markdown ?? '', /see VI004\./);
  assert.equal(help.text, help.markdown);
  assert.deepEqual(ruleHelp('VI003', {}), { text: 'Degenerate random draw. See docs/rules/VI003.md in the visualize-init package.' });
});

test('no output names the analyzer\'s placeholder address; json links each finding to its page in the package', () => {
  const outputs = [formatText(results), formatJson(results, '1'), formatSarif(results, '1', docs), formatSarif(results, '1', {})];
  for (const out of outputs) assert.doesNotMatch(out, /example\.invalid/);
  assert.deepEqual(JSON.parse(formatJson(results, '1')).findings.map((f: { doc: string }) => f.doc), ['docs/rules/VI001.md', 'docs/rules/VI001.md']);
});
