import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { generatePython } from '../../../bench/analyzer.bench';
import { ChunkCache } from '../../../src/core/analyzer/chunkCache';
import { AnalysisSession, analyze } from '../../../src/core/analyzer/index';
import type { Expr, Keyword, Program } from '../../../src/core/analyzer/model';
import { buildProgram, changedRange } from '../../../src/core/analyzer/parse';

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

/** A deterministic pseudo-random source. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const pythonFixtures = readdirSync('test/fixtures/analyzer')
  .filter((f) => f.endsWith('.py'))
  .map((f) => readFileSync(`test/fixtures/analyzer/${f}`, 'utf8'));

test('a session reuses what it read from unchanged chunks and still reports what a fresh analysis reports: edits that move chunks, duplicate them, add and drop imports', () => {
  const edits = [
    'import numpy as np\n',
    'from torch.nn.init import constant_ as c\n',
    'c(self.fc1.weight, 0.5)\n',
    'W7 = np.zeros((32, 32))\n',
    'def f():\n    return 1\n',
    '    ',
    '\n',
    '# visualize-init: ignore\n',
    'print(f"{x}")\n',
  ];
  const texts = [...pythonFixtures, generatePython(600, 3)];
  for (const [n, base] of texts.entries()) {
    const next = random(11 + n);
    const session = new AnalysisSession({ language: 'python' });
    let text = base;
    for (let step = 0; step < 40; step++) {
      const lines = text.split('\n');
      const at = Math.floor(next() * lines.length);
      const r = next();
      if (r < 0.5) lines.splice(at, 0, ...edits[Math.floor(next() * edits.length)].split('\n').slice(0, -1));
      else if (r < 0.7) lines.splice(at, 1 + Math.floor(next() * 3));
      else if (r < 0.85) lines.splice(at, 0, ...lines.slice(at, at + 1 + Math.floor(next() * 8)));
      else lines[at] = lines[at].replace(/np\b/, 'numpy');
      text = lines.join('\n');
      assert.deepEqual(session.analyze(text), analyze(text), `text ${n}, step ${step}`);
    }
  }
});

test('a model reused at another offset is the model read there: every position moved', () => {
  const base = generatePython(400, 9);
  const cache = new ChunkCache();
  const build = (text: string) => {
    const p = buildProgram(text, 'python', { chunks: cache });
    cache.commit();
    return p;
  };
  build(base);
  const misses = cache.misses;
  const at = base.indexOf('\ndef ', base.length / 3) + 1;
  const moved = `${base.slice(0, at)}x = 1\ny = [2, 3]\n${base.slice(at)}`;
  assert.deepEqual(build(moved), buildProgram(moved, 'python'));
  assert.ok(cache.misses - misses <= 2, `chunks read again: ${cache.misses - misses}`);
});

test('a reused call is resolved again under the new imports (nothing remembered from the last analysis)', () => {
  const session = new AnalysisSession({ language: 'python' });
  assert.equal(session.analyze('import numpy as np\nW1 = np.zeros((3, 4))\n').findings[0]?.framework, 'numpy');
  assert.equal(session.analyze('import torch as np\nW1 = np.zeros((3, 4))\n').findings[0]?.framework, 'pytorch');
});

/** Every object of a Program's statements (nodes, keywords), with how often each is reached. */
function nodeCounts(p: Program): Map<object, number> {
  const counts = new Map<object, number>();
  const see = (o: object) => counts.set(o, (counts.get(o) ?? 0) + 1);
  const expr = (e: Expr): void => {
    see(e);
    const keywords = (ks: readonly Keyword[]) => ks.forEach((k) => (see(k), expr(k.value)));
    switch (e.kind) {
      case 'call': expr(e.callee); e.args.forEach(expr); keywords(e.kwargs); break;
      case 'object': keywords(e.props); break;
      case 'seq': e.items.forEach(expr); break;
      case 'binary': expr(e.left); expr(e.right); break;
      case 'unary': expr(e.arg); break;
      case 'subscript': expr(e.target); e.index.forEach(expr); break;
      case 'member': expr(e.object); break;
      case 'lambda': expr(e.body); break;
      case 'comprehension': expr(e.element); break;
      case 'other': e.children.forEach(expr); break;
      default: break;
    }
  };
  for (const st of p.statements) {
    see(st);
    st.targets.forEach(expr);
    expr(st.value);
  }
  p.comments.forEach(see);
  return counts;
}

test('every node of a model belongs to one place (a kept chunk moves each node exactly once)', () => {
  let nodes = 0;
  for (const text of [...pythonFixtures, generatePython(600, 5)]) {
    for (const reading of ['fast', 'lezer'] as const) {
      const counts = nodeCounts(buildProgram(text, 'python', { reading, convertAll: true }));
      const shared = [...counts.values()].filter((n) => n > 1).length;
      assert.equal(shared, 0, `${reading}: ${shared} nodes reached twice`);
      nodes += counts.size;
    }
  }
  assert.ok(nodes > 5_000, `nodes checked: ${nodes}`);
});

test('a session with a size cap skips, then recovers', () => {
  const session = new AnalysisSession({ maxChars: 50 });
  assert.equal(session.analyze('x'.repeat(51)).skipped?.reason, 'tooLarge');
  assert.equal(session.analyze('import numpy as np\nW1 = np.ones((3, 4))\n').findings.length, 1);
});
