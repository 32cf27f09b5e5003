import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, analyzeCells, analyzeFile, analyzeNotebook, documentKindForPath, languageForLanguageId, type Finding } from '../../../src/core/analyzer/index';
import { Resolver } from '../../../src/core/analyzer/imports';
import { buildProgram } from '../../../src/core/analyzer/parse';
import { isNumbered, numbered } from '../../../src/core/analyzer/names';
import { LineIndex } from '../../../src/core/analyzer/positions';

function only(src: string, language: 'python' | 'javascript' | 'typescript' = 'python'): Finding {
  const r = analyze(src, { language });
  assert.equal(r.findings.length, 1, JSON.stringify(r.findings.map((f) => [f.code, f.range.start.line])));
  return r.findings[0];
}

function resolverFor(src: string, python = true): Resolver {
  return new Resolver(buildProgram(src, python ? 'python' : 'typescript').imports, python);
}

test('alias resolution: Python imports', () => {
  const r = resolverFor('import numpy as np\nfrom torch import nn\nimport torch.nn.init as I\nfrom tensorflow import keras\nimport jax.numpy as jnp\nfrom torch.nn.init import zeros_ as z\nimport torch.nn\n');
  assert.equal(r.qualify(['np', 'zeros']), 'numpy.zeros');
  assert.equal(r.qualify(['nn', 'init', 'zeros_']), 'torch.nn.init.zeros_');
  assert.equal(r.qualify(['I', 'constant_']), 'torch.nn.init.constant_');
  assert.equal(r.qualify(['keras', 'initializers', 'Zeros']), 'keras.initializers.Zeros');
  assert.equal(r.qualify(['jnp', 'ones']), 'jax.numpy.ones');
  assert.equal(r.qualify(['z']), 'torch.nn.init.zeros_');
  assert.equal(r.qualify(['torch', 'nn', 'Linear']), 'torch.nn.Linear');
  assert.equal(r.qualify(['W1', 'fill']), undefined);
});

test('alias resolution: tensorflow.keras and flax.linen canonicalize; flax makes nn mean linen', () => {
  const r = resolverFor('import tensorflow as tf\nfrom flax import linen as nn\n');
  assert.equal(r.qualify(['tf', 'keras', 'initializers', 'Zeros']), 'keras.initializers.Zeros');
  assert.equal(r.qualify(['nn', 'initializers', 'zeros']), 'jax.nn.initializers.zeros');
  assert.equal(resolverFor('import flax.linen as nn2\n').qualify(['nn', 'Dense']), 'flax.linen.Dense');
});

test('alias resolution: TF.js import forms', () => {
  assert.equal(resolverFor("import * as tf from '@tensorflow/tfjs';\n", false).qualify(['tf', 'zeros']), 'tfjs.zeros');
  assert.equal(resolverFor("import tfn from '@tensorflow/tfjs-node';\n", false).qualify(['tfn', 'zeros']), 'tfjs.zeros');
  assert.equal(resolverFor("import { initializers as I } from '@tensorflow/tfjs';\n", false).qualify(['I', 'zeros']), 'tfjs.initializers.zeros');
  assert.equal(resolverFor("const t = require('@tensorflow/tfjs');\n", false).qualify(['t', 'layers', 'dense']), 'tfjs.layers.dense');
  assert.equal(resolverFor("import * as other from 'lodash';\n", false).qualify(['other', 'zeros']), undefined);
});

test('an aliased import is followed: I.zeros_ and z(...) are flagged, a look-alike local is not', () => {
  assert.equal(only('import torch.nn.init as I\nI.zeros_(self.fc1.weight)\n').code, 'VI001');
  assert.equal(only('from torch.nn.init import constant_ as c\nc(self.fc1.weight, 0.5)\n').value, 0.5);
  assert.equal(analyze('def zeros_(x):\n    pass\nzeros_(self.fc1.weight)\n').findings.length, 0);
});

test('shape and value reading: np.zeros((784, 128)) -> [784, 128], 0, 128 units of fan-in 784', () => {
  const f = only('import numpy as np\nW1 = np.zeros((784, 128))\nW2 = np.random.randn(128, 10)\n');
  assert.deepEqual(f.shape, [784, 128]);
  assert.equal(f.value, 0);
  assert.equal(f.units, 128);
  assert.equal(f.fanIn, 784);
  assert.equal(f.framework, 'numpy');
  assert.equal(f.target, 'W1');
  assert.deepEqual(f.visualize, { kind: 'zeros', value: 0, layerSizes: [784, 128], activation: 'unknown' });
  assert.match(f.message, /All 128 units of this 784x128 layer start identical/);
});

test('shape and value reading: scaled, full, torch varargs, Linear sizes', () => {
  assert.equal(only('import numpy as np\nW1 = -0.25 * np.ones((3, 4))\n').value, -0.25);
  assert.equal(only('import numpy as np\nW1 = np.ones((3, 4)) / 4\n').value, 0.25);
  assert.equal(only('import numpy as np\nW1 = np.full((3, 4), 7)\n').value, 7);
  const t = only('import torch\nfrom torch import nn\nself.W = nn.Parameter(torch.zeros(128, 784))\nself.V = nn.Parameter(torch.randn(10, 128))\n');
  assert.deepEqual([t.shape, t.units, t.fanIn], [[128, 784], 128, 784]);
  const l = only('import torch.nn as nn\nself.fc1 = nn.Linear(784, 256)\nself.fc2 = nn.Linear(256, 10)\nnn.init.constant_(self.fc1.weight, 0.5)\n');
  assert.deepEqual([l.units, l.fanIn, l.value], [256, 784, 0.5]);
});

test('what the whole file says counts from below a statement too (the engine streams the model past the rules)', () => {
  // An `@` further down makes W1 (out, in): 128 units of fan-in 784; without it, (in, out).
  const numpy = 'import numpy as np\nW1 = np.zeros((128, 784))\nW2 = np.random.randn(10, 128)\n';
  assert.deepEqual([only(`${numpy}def f(x):\n    return W2 @ np.tanh(W1 @ x)\n`)].map((f) => [f.units, f.fanIn]), [[128, 784]]);
  assert.deepEqual([only(numpy)].map((f) => [f.units, f.fanIn]), [[784, 128]]);
  // The Linear layer is built below the method that fills its weight.
  const torch = 'import torch.nn as nn\nclass M(nn.Module):\n    def reset(self):\n        nn.init.constant_(self.fc1.weight, 0.5)\n\n    def __init__(self):\n        self.fc1 = nn.Linear(784, 256)\n        self.fc2 = nn.Linear(256, 10)\n';
  assert.deepEqual([only(torch)].map((f) => [f.units, f.fanIn, f.value]), [[256, 784, 0.5]]);
  // Each module has its own `self.fc1`: a finding takes its own class's sizes, not the file's last.
  const module = (name: string, fanIn: number, units: number) => `class ${name}(nn.Module):\n    def __init__(self):\n        self.fc1 = nn.Linear(${fanIn}, ${units})\n        self.fc2 = nn.Linear(${units}, 10)\n        nn.init.constant_(self.fc1.weight, 0.5)\n\n`;
  const two = analyze(`import torch.nn as nn\n${module('A', 784, 256)}${module('B', 32, 64)}`).findings;
  assert.deepEqual(two.map((f) => [f.units, f.fanIn]), [[256, 784], [64, 32]]);
  // A placeholder drawn again at random further down is no finding.
  const param = 'import torch\nfrom torch import nn\nW = nn.Parameter(torch.zeros(128, 784))\nV = nn.Parameter(torch.randn(10, 128))\n';
  assert.equal(only(param).target, 'W');
  assert.equal(analyze(`${param}nn.init.kaiming_normal_(W)\n`).findings.length, 0);
});

test('a single-layer model (one weight matrix, unnumbered) is left alone', () => {
  assert.equal(analyze('import torch\nfrom torch import nn\nself.W = nn.Parameter(torch.zeros(10, 784))\n').findings.length, 0);
  assert.equal(analyze('import numpy as np\nW = np.zeros((784, 10))\nb = np.zeros(10)\n').findings.length, 0);
});

test('a layer built in a chain (`nn.Linear(...).to(device)`) counts as the plain constructor does', () => {
  const model = (layers: string[]) => ['import torch.nn as nn', '', 'class Net(nn.Module):', '    def __init__(self, device):', '        super().__init__()', ...layers, '        nn.init.zeros_(self.hidden.weight)', ''].join('\n');
  const findings = (layers: string[]) => analyze(model(layers)).findings.map((f) => `${f.code} ${f.range.start.line}`);
  for (const layers of [['        self.hidden = nn.Linear(4, 8)'], ['        self.hidden = nn.Linear(4, 8)', '        self.classifier = nn.Linear(8, 2)']]) {
    const chained = layers.map((l) => l.replace(/\)$/, ').to(device)'));
    assert.deepEqual(findings(chained), findings(layers), chained.join('; '));
  }
  assert.deepEqual(findings(['        self.hidden = nn.Linear(4, 8).to(device)', '        self.classifier = nn.Linear(8, 2).to(device)']), ['VI001 7']);
});

test('the range is exactly the initializer call', () => {
  const src = 'import numpy as np\nW1 = np.zeros((784, 128))\n';
  const f = only(src);
  assert.equal(src.slice(f.range.start.offset, f.range.end.offset), 'np.zeros((784, 128))');
  assert.deepEqual([f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character], [1, 5, 1, 25]);
});

test('positions count lines the way VS Code does: LF, CRLF, a lone CR', () => {
  const code = 'W1 = np.zeros((784, 128))';
  for (const br of ['\n', '\r\n', '\r']) {
    const src = ['import numpy as np', '', code, ''].join(br);
    const f = only(src);
    assert.deepEqual([f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character], [2, 5, 2, 25], JSON.stringify(br));
    assert.equal(src.slice(f.range.start.offset, f.range.end.offset), 'np.zeros((784, 128))');
  }
  const lines = new LineIndex('a\r\nb\rc\n\nd');
  assert.deepEqual([0, 3, 5, 7, 8].map((o) => lines.position(o).line), [0, 1, 2, 3, 4]);
  assert.equal(new LineIndex('').lineCount, 1);
});

test('numbered layer names: letters, an optional underscore, digits to the end', () => {
  const cases: Array<[string, [string, number] | undefined]> = [
    ['fc2', ['fc', 2]],
    ['W_3', ['w', 3]],
    ['Block017', ['block', 17]],
    ['layer_10', ['layer', 10]],
    ['x1', ['x', 1]],
    ['fc', undefined],
    ['2fc', undefined],
    ['fc_', undefined],
    ['fc__2', undefined],
    ['fc2b', undefined],
    ['W_hidden3', undefined],
    ['_fc1', undefined],
    ['', undefined],
  ];
  for (const [name, expected] of cases) {
    assert.deepEqual(numbered(name), expected, name);
    assert.equal(isNumbered(name), expected !== undefined, name);
  }
});

test('suppression: bare ignore, ignore[code], other code does not suppress, JS comment form', () => {
  const base = 'import numpy as np\nW1 = np.ones((3, 4))';
  assert.equal(analyze(`${base}  # visualize-init: ignore\n`).findings.length, 0);
  assert.equal(analyze(`${base}  # visualize-init: ignore[VI001]\n`).findings.length, 0);
  assert.equal(analyze(`${base}  # visualize-init: ignore[vi001, VI004]\n`).findings.length, 0);
  assert.equal(analyze(`${base}  # visualize-init: ignore[VI002]\n`).findings.length, 1);
  assert.equal(analyze(`${base}  # a comment\n`).findings.length, 1);
  assert.equal(analyze(`${base}\n# visualize-init: ignore\n`).findings.length, 1, 'only the same line');
  const js = "import * as tf from '@tensorflow/tfjs';\nconst w1 = tf.variable(tf.ones([3, 4]));";
  assert.equal(analyze(`${js} // visualize-init: ignore\n`, { language: 'javascript' }).findings.length, 0);
  assert.equal(analyze(`${js}\n`, { language: 'javascript' }).findings.length, 1);
});

test('the ignore fix inserts a comment that suppresses the finding', () => {
  const src = 'import numpy as np\nW1 = np.ones((3, 4))\n';
  const f = only(src);
  const ignore = f.fixes.find((x) => x.kind === 'ignore');
  assert.ok(ignore);
  const e = ignore.edits[0];
  const fixed = src.slice(0, e.range.start.offset) + e.newText + src.slice(e.range.end.offset);
  assert.equal(fixed, 'import numpy as np\nW1 = np.ones((3, 4))  # visualize-init: ignore[VI001]\n');
  assert.equal(analyze(fixed).findings.length, 0);
});

test('fixes prefer He for ReLU and Xavier for tanh, in the framework idiom', () => {
  const relu = only('import torch.nn as nn\nimport torch.nn.functional as F\nnn.init.zeros_(self.fc1.weight)\ny = F.relu(x)\n');
  assert.equal(relu.fixes[0].initializer, 'kaimingNormal');
  assert.equal(relu.fixes[0].preferred, true);
  assert.equal(relu.fixes[0].edits[0].newText, "nn.init.kaiming_normal_(self.fc1.weight, nonlinearity='relu')");
  const tanh = only('from tensorflow.keras import layers\nd = layers.Dense(64, activation="tanh", kernel_initializer="zeros")\n');
  assert.equal(tanh.fixes[0].initializer, 'xavierUniform');
  assert.equal(tanh.fixes[0].edits[0].newText, '"glorot_uniform"');
  assert.equal(tanh.fixes[1].edits[0].newText, '"he_normal"');
  assert.equal(tanh.activation, 'tanh');
});

test('notebooks: each code cell on its own positions, imports shared across cells, magics tolerated', () => {
  const nb = JSON.stringify({
    cells: [
      { cell_type: 'markdown', source: ['# title\n'] },
      { cell_type: 'code', source: ['%matplotlib inline\n', 'import numpy as np\n'] },
      { cell_type: 'code', source: 'x = 1\nW1 = np.ones((784, 128))\n' },
    ],
    metadata: { language_info: { name: 'python' } },
  });
  const r = analyzeNotebook(nb);
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0].cell, 2);
  assert.deepEqual([r.findings[0].range.start.line, r.findings[0].range.start.character], [1, 5]);
  const cells = analyzeCells([{ index: 0, text: 'import numpy as np' }, { index: 1, text: 'W1 = np.ones((3, 4))' }]);
  assert.equal(cells.findings[0].cell, 1);
  const aliased = analyzeCells([{ index: 0, text: 'from torch.nn.init import constant_ as c' }, { index: 1, text: 'c(self.fc1.weight, 0.5)' }]);
  assert.deepEqual(aliased.findings.map((f) => [f.cell, f.code, f.value]), [[1, 'VI001', 0.5]]);
});

test('notebooks: invalid JSON or a non-Python kernel are skipped with a reason, not thrown', () => {
  assert.equal(analyzeNotebook('{not json').skipped?.reason, 'invalidNotebook');
  assert.equal(analyzeNotebook('{"cells": 3}').skipped?.reason, 'invalidNotebook');
  assert.equal(analyzeNotebook(JSON.stringify({ cells: [], metadata: { kernelspec: { language: 'R' } } })).skipped?.reason, 'invalidNotebook');
});

test('size cap: inputs over maxChars are skipped with reason tooLarge', () => {
  const r = analyze('import numpy as np\nW1 = np.ones((3, 4))\n', { maxChars: 10 });
  assert.equal(r.findings.length, 0);
  assert.equal(r.skipped?.reason, 'tooLarge');
});

test('options: frameworks filter, disabled rules and severity overrides', () => {
  const src = 'import numpy as np\nimport torch.nn as nn\nW1 = np.ones((3, 4))\nnn.init.ones_(self.fc1.weight)\n';
  assert.equal(analyze(src).findings.length, 2);
  assert.deepEqual(analyze(src, { frameworks: ['pytorch'] }).findings.map((f) => f.framework), ['pytorch']);
  assert.equal(analyze(src, { disabledRules: ['VI001'] }).findings.length, 0);
  assert.deepEqual(analyze(src, { severity: { VI001: 'hint' } }).findings.map((f) => f.severity), ['hint', 'hint']);
});

test('documentKindForPath, languageForLanguageId and analyzeFile by extension', () => {
  assert.equal(documentKindForPath('a/b.py'), 'python');
  assert.equal(documentKindForPath('x.IPYNB'), 'notebook');
  assert.equal(documentKindForPath('m.mjs'), 'javascript');
  assert.equal(documentKindForPath('c.tsx'), 'tsx');
  assert.equal(documentKindForPath('README.md'), undefined);
  assert.equal(languageForLanguageId('typescriptreact'), 'tsx');
  assert.equal(analyzeFile('notes.txt', 'W1 = np.ones((3,4))').skipped?.reason, 'unsupportedLanguage');
  assert.equal(analyzeFile('m.ts', "import * as tf from '@tensorflow/tfjs';\nconst w1 = tf.variable(tf.ones([3, 4]));\n").findings.length, 1);
});

test('every finding has a doc link, a statement range containing its range, and an ignore fix', () => {
  const f = only('import numpy as np\nW1 = np.zeros((784, 128))\n');
  assert.equal(f.docPath, 'docs/rules/VI001.md');
  assert.ok(f.statementRange.start.offset <= f.range.start.offset && f.statementRange.end.offset >= f.range.end.offset);
  assert.equal(f.fixes.filter((x) => x.kind === 'ignore').length, 1);
  assert.equal(f.fixes.filter((x) => x.preferred).length, 1);
});
