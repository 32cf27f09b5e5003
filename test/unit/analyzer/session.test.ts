import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AnalysisSession, analyze } from '../../../src/core/analyzer/index';
import { changedRange } from '../../../src/core/analyzer/parse';

test('changedRange finds the common prefix and suffix', () => {
  assert.deepEqual(changedRange('abcdef', 'abXYef'), { fromA: 2, toA: 4, fromB: 2, toB: 4 });
  assert.deepEqual(changedRange('abc', 'abc'), { fromA: 3, toA: 3, fromB: 3, toB: 3 });
  assert.deepEqual(changedRange('aaa', 'aaaa'), { fromA: 3, toA: 3, fromB: 3, toB: 4 });
  assert.deepEqual(changedRange('', 'x'), { fromA: 0, toA: 0, fromB: 0, toB: 1 });
});

test('an incremental session reports exactly what a fresh analysis reports, edit after edit', () => {
  const base = readFileSync('test/fixtures/analyzer/pytorch_flag.py', 'utf8');
  const session = new AnalysisSession({ language: 'python' });
  let text = base;
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const snippets = ['W9 = np.zeros((64, 64))\n', '# note\n', 'nn.init.ones_(self.fc2.weight)\n', '(', ')', '    ', 'x', '\n'];
  for (let step = 0; step < 60; step++) {
    const at = Math.floor(next() * (text.length + 1));
    if (next() < 0.6) text = text.slice(0, at) + snippets[Math.floor(next() * snippets.length)] + text.slice(at);
    else text = text.slice(0, at) + text.slice(Math.min(text.length, at + Math.floor(next() * 30)));
    assert.deepEqual(session.analyze(text), analyze(text), `step ${step}`);
  }
});

test('a session with a size cap skips, then recovers', () => {
  const session = new AnalysisSession({ maxChars: 50 });
  assert.equal(session.analyze('x'.repeat(51)).skipped?.reason, 'tooLarge');
  assert.equal(session.analyze('import numpy as np\nW1 = np.ones((3, 4))\n').findings.length, 1);
});
