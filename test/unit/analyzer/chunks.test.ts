import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { analyze, analyzeCells } from '../../../src/core/analyzer/index';
import { pythonChunks, pythonWords } from '../../../src/core/analyzer/chunks';
import { runEngine } from '../../../src/core/analyzer/engine';
import { ChunkCache } from '../../../src/core/analyzer/chunkCache';
import { buildProgram, parseTree } from '../../../src/core/analyzer/parse';

/** Findings of the reference path: one Lezer parse of the whole file, every statement converted. */
function wholeFile(text: string): unknown {
  return runEngine([{ text, language: 'python', tree: parseTree(text, 'python') }]);
}

/** Generated Python with findings, legit cases and trigger-free code spread over many chunks. */
function generated(blocks: number): string {
  const out = ['import numpy as np', 'import torch', 'from torch import nn', ''];
  for (let i = 1; i <= blocks; i++) {
    switch (i % 9) {
      case 0:
        out.push(`def helper_${i}(x, y):`, '    """Plain code: no trigger words here.', 'def not_a_chunk():', '    """', `    return x + y * 0 if x else y`, '');
        break;
      case 1:
        out.push(`class Net${i}(nn.Module):`, '    def __init__(self):', '        super().__init__()', `        self.fc1 = nn.Linear(${i + 8}, 32)`, '        self.fc2 = nn.Linear(32, 10)', `        nn.init.constant_(self.fc1.weight, 0.${i % 7 + 1})`, '        nn.init.zeros_(self.fc1.bias)', '');
        break;
      case 2:
        out.push(`W${i} = np.zeros((${i + 16}, 64))`, `b${i} = np.zeros(64)`, `total_${i} = (1 +`, '2 +', '3)', '');
        break;
      case 3:
        out.push('@decorator', `def step_${i}(state):`, '    if state:', '        return state', 'else_value = 1', '');
        break;
      case 4:
        out.push(`if ${i} > 3:`, `    V${i} = np.ones((${i}, 8))  # visualize-init: ignore`, 'else:', `    V${i} = np.full((${i}, 8), 0.5)`, '');
        break;
      case 5:
        out.push(`def activate_${i}(x):`, '    return torch.tanh(x)', `name_${i} = 'sigmoid'`, `label_${i} = f"{relu} layer"`, '');
        break;
      case 6:
        out.push(`M${i} = np.tile(np.random.randn(1, 16), (${i + 4}, 1))`, `x_${i} = value \\`, '    + other', '');
        break;
      case 7:
        out.push(`class Head${i}(nn.Module):`, '    def __init__(self):', '        super().__init__()', '        self.out = nn.Linear(64, 10)', '        nn.init.zeros_(self.out.weight)', '');
        break;
      default:
        out.push(`for epoch in range(${i}):`, '    loss = compute(epoch)', '    log(loss)', '');
    }
  }
  return `${out.join('\n')}\n`;
}

test('pythonChunks covers the text exactly and splits at column-0 statements only', () => {
  const text = 'import a\n\n# c\nclass A:\n    x = 1\n@dec\n\ndef f(\nb):\n  s = """\nnot = a_chunk\n"""\nelse_ = 1\nif x:\n  pass\nelse:\n  pass\nv = 1 \\\n+ 2\n';
  const chunks = pythonChunks(text);
  assert.equal(chunks[0].from, 0);
  assert.equal(chunks[chunks.length - 1].to, text.length);
  for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i].from, chunks[i - 1].to);
  const starts = chunks.map((c) => text.slice(c.from, c.to).split('\n')[0]);
  assert.deepEqual(starts, ['import a', 'class A:', '@dec', 'else_ = 1', 'if x:', 'v = 1 \\']);
  assert.deepEqual(pythonChunks(''), [{ from: 0, to: 0 }]);
});

test('pythonWords keeps the hint words of identifiers, short strings and f-string fields, not of comments or numbers', () => {
  const words = new Set<string>();
  const text = `x = nn.ReLU(1e3) # tanh fc9\ny = 'sigmoid' + f"{gelu:>{w2}} text" + rb'nn.Tanh' + fc1.dot(W_3) + 'maximum' + np.maximum\nNone, 'None', relu6, lambda_1\n`;
  pythonWords(text, 0, text.length, words);
  // Activation names (dotted in strings too), numbered names, `maximum` and `dot`; no keyword, no other name.
  assert.deepEqual([...words].sort(), ['None', 'ReLU', 'W_3', 'dot', 'fc1', 'gelu', 'lambda_1', 'maximum', 'nn.Tanh', 'relu6', 'sigmoid', 'w2']);
});

test('chunked analysis reports exactly what a whole-file parse reports (fixtures)', () => {
  const dir = 'test/fixtures/analyzer';
  const files = readdirSync(dir).filter((f) => f.endsWith('.py'));
  assert.ok(files.length >= 5);
  for (const f of files) {
    const text = readFileSync(`${dir}/${f}`, 'utf8');
    assert.deepEqual(analyze(text).findings, wholeFile(text), f);
  }
});

test('chunked analysis reports exactly what a whole-file parse reports (generated, thousands of lines)', () => {
  const text = generated(700);
  assert.ok(text.split('\n').length > 3000);
  const chunked = analyze(text).findings;
  assert.deepEqual(chunked, wholeFile(text));
  // Findings come from many chunks, and trigger-free chunks still give their words (tanh, sigmoid, relu).
  assert.ok(new Set(chunked.map((f) => f.code)).size >= 2);
  assert.ok(chunked.length > 100);
  assert.ok(chunked[chunked.length - 1].range.start.line > 3000);
  // A file with an `empty` allocation is parsed whole; an alias imported halfway is honoured after it.
  const variants = [
    `${text}W_late = np.empty((64, 64))\n`,
    `W_early = np.empty((64, 64))\n${text}W_early = make()\n`,
    `c(W1, 0.5)\nfrom torch.nn.init import constant_ as c\n${text}c(W2, 0.5)\n`,
  ];
  for (const v of variants) assert.deepEqual(analyze(v).findings, wholeFile(v));
});

test('notebook cells are chunked the same way', () => {
  const cells = [generated(40), 'W = np.zeros((10, 10))\n', generated(30)].map((t, index) => ({ index, text: t }));
  const whole = runEngine(cells.map((c) => ({ text: c.text, language: 'python' as const, cell: c.index, tree: parseTree(c.text, 'python') })));
  assert.deepEqual(analyzeCells(cells).findings, whole);
});

test('a one-line edit re-reads only the chunk it touches (Lezer parses only a chunk outside the fast reader); the rest is reused', () => {
  // A parenthesized yield in a converted statement is outside the fast reader's subset: those chunks go to Lezer.
  const base = generated(200).replace(/(\n {8}super\(\).__init__\(\)\n {8}self.fc1)/g, '\n        print((yield np.pi), "init")$1');
  const lezerChunks = base.split('print((yield').length - 1;
  assert.ok(lezerChunks >= 20, `${lezerChunks} chunks for Lezer`);
  const trees = new ChunkCache();
  const run = (text: string) => {
    const findings = runEngine([{ text, language: 'python', chunks: trees }]);
    trees.commit();
    return findings;
  };
  assert.deepEqual(run(base), wholeFile(base));
  assert.equal(trees.parses, lezerChunks, 'only the chunks with a parenthesized yield were parsed by Lezer');
  const chunkCount = pythonChunks(base).length;
  assert.equal(trees.misses, chunkCount, 'the first analysis reads every chunk');
  run(base);
  assert.equal(trees.parses, lezerChunks, 'unchanged text: nothing re-parsed');
  assert.equal(trees.misses, chunkCount, 'unchanged text: nothing re-read');
  const at = base.indexOf('nn.init.constant_', Math.floor(base.length / 2));
  const edited = `${base.slice(0, at)}nn.init.constant_(self.fc2.weight, 0.5)\n        ${base.slice(at)}`;
  assert.deepEqual(run(edited), wholeFile(edited));
  assert.equal(trees.parses, lezerChunks + 1, 'one edited chunk re-parsed');
  assert.equal(trees.misses, chunkCount + 1, 'one edited chunk re-read, the chunks after it moved');
  const zeros = /\nW\d+ = np\.zeros\(\(/g;
  zeros.lastIndex = Math.floor(edited.length / 2);
  const w = (zeros.exec(edited)?.index ?? 0) + 1;
  const fastEdit = `${edited.slice(0, w)}W_new = np.ones((8, 8))\n${edited.slice(w)}`;
  assert.deepEqual(run(fastEdit), wholeFile(fastEdit));
  assert.equal(trees.parses, lezerChunks + 1, 'an edit the fast reader reads parses nothing');
  assert.ok(trees.misses <= chunkCount + 3, `an inserted statement re-reads at most the chunks around it: ${trees.misses - chunkCount - 1}`);
});

test('chunks without triggers or imported names are skipped (None and names containing an alias do not count)', () => {
  const text = 'import numpy as np\n\ndef load(path, inp=None):\n    data = open(path).read() if inp else None\n    return data\n\nW = np.zeros((8, 8))\n';
  for (const reading of ['fast', 'lezer'] as const) {
    // A chunk that is read records every assignment; the skipped function records none.
    const p = buildProgram(text, 'python', { reading });
    assert.deepEqual(p.statements.map((s) => text.slice(s.from, s.to)), ['W = np.zeros((8, 8))'], reading);
  }
  assert.deepEqual(analyze(text).findings, wholeFile(text));
});
