// Nested statements no rule can need (blocks.ts) are skipped by both readings: which ones, that their
// pieces never miss what chunkRelevant finds in their text, and that findings do not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generatePython } from '../../../bench/analyzer.bench';
import { fixtureFiles } from '../../../scripts/analyzer-quality';
import { skippableBlocks } from '../../../src/core/analyzer/blocks';
import { pythonChunks } from '../../../src/core/analyzer/chunks';
import { runEngine } from '../../../src/core/analyzer/engine';
import { buildProgram } from '../../../src/core/analyzer/parse';
import { readTokens } from '../../../src/core/analyzer/pythonReader';
import { tokenizePython } from '../../../src/core/analyzer/pythonTokens';
import { chunkRelevant } from '../../../src/core/analyzer/relevance';

/** A class whose methods and nested statements mostly name no initializer. */
const NESTED = [
  'import numpy as np',
  'import torch.nn as nn',
  '',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(4, 4)',
  '        for m in self.modules():',
  '            print(m)',
  '',
  '    @property',
  '    def size(self):',
  '        return 4',
  '',
  '    def forward(self, x):',
  '        if x is None:',
  '            return x',
  '        elif x.ndim > 2:',
  '            x = x.flatten(1)',
  '        else:',
  '            W = np.zeros((4, 4))',
  '        with open(p) as f:',
  '            f.write(x)',
  '        return self.fc(x)',
  '',
  '    def step(self, x):',
  '        try:',
  '            y = self.fc(x)',
  '        except ValueError:',
  '            y = x',
  '        # a comment',
  '',
  '        return y',
  '',
].join('\n');

/** The first lines of the statements skipped in the chunk of `text` that starts with `start`. */
function skippedIn(text: string, start: string, aliases: ReadonlySet<string> = new Set()): string[] {
  const chunk = pythonChunks(text).find((c) => text.slice(c.from).startsWith(start));
  assert.ok(chunk, start);
  const tokens = tokenizePython(text, chunk.from, chunk.to);
  assert.ok(tokens, `tokenized: ${start}`);
  return skippableBlocks(tokens, text, aliases).spans.map((s) => text.slice(s.from, s.to).split('\n')[0]);
}

test('the nested statements no rule can need are skipped with their clauses; those around them and inside relevant ones are looked at', () => {
  // `for` inside the relevant __init__; the decorated `size`; `with` in forward, whose `if` holds a
  // trigger in its `else`; all of `step`, its comment and blank line included.
  assert.deepEqual(skippedIn(NESTED, 'class'), ['for m in self.modules():', 'def size(self):', 'with open(p) as f:', 'def step(self, x):']);
  const chunk = pythonChunks(NESTED).find((c) => NESTED.slice(c.from).startsWith('class'));
  assert.ok(chunk);
  const tokens = tokenizePython(NESTED, chunk.from, chunk.to);
  assert.ok(tokens);
  const skips = skippableBlocks(tokens, NESTED, new Set());
  assert.equal(skips.spans[3].to, chunk.to, 'the last method ends with the chunk');
  assert.match(NESTED.slice(skips.spans[2].from, skips.spans[2].to), /f\.write\(x\)\n\s*$/, 'a statement ends where the next line of code at its column starts');
  assert.ok(readTokens(NESTED, tokens, new Set(), new Set(), false, skips.tokens), 'the fast reader reads around skipped statements (a decorated one too)');
});

test('a statement is read when any piece of it may matter: a comment, a string, an operator, a name split across tokens, an assignment to a weight, an imported name', () => {
  const method = (body: string) => `class A:\n    def f(self, a, b):\n        ${body}\n        return a\n`;
  for (const body of ['x = 1  # zeros later', 'name = "he_normal"', 's = "import x"', 'self.w.copy_(a)', 'buf[:] = a', 'buf[...] = a', 'y = a * b', 'y = a @ b', 'self.W = make(a)', 'k = self.kernel', 'return c(a, 1)']) {
    assert.deepEqual(skippedIn(method(body), 'class', new Set(['c'])), [], body);
  }
  for (const body of ['y = a + b', 'print(a)', 'return b', 'n = a.size(0)', 'self.w.copy(a)']) assert.deepEqual(skippedIn(method(body), 'class', new Set(['c'])), ['def f(self, a, b):'], body);
});

test('no skipped statement holds what chunkRelevant looks for (fixture corpus and generated modules)', () => {
  const texts = [...fixtureFiles().filter((f) => f.endsWith('.py')).map((f) => readFileSync(f, 'utf8')), generatePython(2000, 3)];
  let skipped = 0;
  for (const text of texts) {
    for (const chunk of pythonChunks(text)) {
      const tokens = tokenizePython(text, chunk.from, chunk.to);
      if (!tokens) continue;
      for (const s of skippableBlocks(tokens, text, new Set()).spans) {
        skipped++;
        assert.equal(chunkRelevant(text.slice(s.from, s.to), new Set()), false, text.slice(s.from, s.to));
      }
    }
  }
  assert.ok(skipped > 100, `statements skipped: ${skipped}`);
});

test('a skipped statement adds nothing to the model, the same in both readings; the findings are those of converting everything', () => {
  const kept = (reading: 'fast' | 'lezer') => buildProgram(NESTED, 'python', { reading }).statements.map((s) => NESTED.slice(s.from, s.to).split('\n')[0]);
  const fast = kept('fast');
  assert.deepEqual(fast, kept('lezer'));
  for (const line of ['W = np.zeros((4, 4))', 'self.fc = nn.Linear(4, 4)']) assert.ok(fast.includes(line), `read: ${line}`);
  for (const line of ['y = self.fc(x)', 'y = x', 'f.write(x)']) assert.ok(!fast.includes(line), `skipped: ${line}`);
  for (const reading of ['fast', 'lezer'] as const) {
    const findings = runEngine([{ text: NESTED, language: 'python' }], { reading });
    assert.deepEqual(findings, runEngine([{ text: NESTED, language: 'python' }], { convertAll: true }), reading);
    assert.deepEqual(findings.map((f) => f.target), ['W'], 'the constant in the else clause is reported');
  }
});
