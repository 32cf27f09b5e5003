import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeFile, documentKindForPath, type Finding, type SourceLanguage, type TextEdit } from '../../../src/core/analyzer/index';
import { parseTree } from '../../../src/core/analyzer/parse';
import { fixtureFiles } from '../../../scripts/analyzer-quality';

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset)) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  return out;
}

function errorCount(text: string, language: SourceLanguage): number {
  let n = 0;
  parseTree(text, language).iterate({ enter: (node) => { if (node.type.isError) n++; } });
  return n;
}

const sources = fixtureFiles().filter((p) => documentKindForPath(p) !== 'notebook' && analyzeFile(p, readFileSync(p, 'utf8')).findings.length > 0);

for (const path of sources) {
  test(`every replacement fix in ${path} parses cleanly and removes its finding`, () => {
    const text = readFileSync(path, 'utf8');
    const language = documentKindForPath(path) as SourceLanguage;
    const findings = analyzeFile(path, text).findings;
    const baseErrors = errorCount(text, language);
    let checked = 0;
    const key = (f: Finding) => `${f.range.start.line}:${f.code}`;
    for (const f of findings) {
      for (const fix of f.fixes.filter((x) => x.kind === 'replace')) {
        const fixed = apply(text, fix.edits);
        assert.notEqual(fixed, text);
        assert.ok(errorCount(fixed, language) <= baseErrors, `${fix.title} at line ${f.range.start.line + 1} breaks the syntax: ${fix.edits[0].newText}`);
        const after = analyzeFile(path, fixed).findings.map(key);
        assert.ok(!after.includes(key(f)), `${fix.title} at line ${f.range.start.line + 1} leaves ${f.code}: ${fix.edits[0].newText}`);
        checked++;
      }
    }
    assert.ok(checked > 0, 'no replacement fixes to check');
  });
}

test('most findings of the corpus offer a replacement in their own idiom', () => {
  let total = 0;
  let withFix = 0;
  for (const path of fixtureFiles()) {
    for (const f of analyzeFile(path, readFileSync(path, 'utf8')).findings) {
      total++;
      if (f.fixes.some((x) => x.kind === 'replace')) withFix++;
    }
  }
  assert.ok(withFix / total >= 0.7, `${withFix}/${total} findings have a replacement fix`);
});
