// The relevance filter (relevance.ts) is a speed-up, not the analysis: converting every statement
// must give the same findings, on the fixture corpus, on variants of it with other import names, and
// on code a rule needs although its statement holds no trigger of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generatePython } from '../../../bench/analyzer.bench';
import { fixtureFiles } from '../../../scripts/analyzer-quality';
import { runEngine, type Unit } from '../../../src/core/analyzer/engine';
import { documentKindForPath } from '../../../src/core/analyzer/languages';
import { cellUnits, readNotebook } from '../../../src/core/analyzer/notebook';
import { TRIGGER_ALTERNATIVES, aliasMatters, hasTrigger } from '../../../src/core/analyzer/relevance';

/** Asserts the findings of `units` are the same with the relevance filter as with every statement converted. */
function assertFilterChangesNothing(units: Unit[], label: string): number {
  const filtered = runEngine(units);
  const everything = runEngine(units, { convertAll: true });
  assert.deepEqual(filtered, everything, label);
  return filtered.length;
}

function unitsOf(path: string, text: string): Unit[] {
  const kind = documentKindForPath(path);
  if (kind === 'notebook') {
    const nb = readNotebook(text);
    assert.ok(nb.ok, path);
    return cellUnits(nb.cells, nb.language);
  }
  assert.ok(kind, path);
  return [{ text, language: kind }];
}

/** The text with every `import x as a` / `from x import y as a` name renamed (`np` -> `m0`): imports no rule knows by name. */
function renameAliases(text: string): string {
  const names = [...text.matchAll(/\bas\s+([A-Za-z_]\w*)/g)].map((m) => m[1]);
  let out = text;
  [...new Set(names)].forEach((name, i) => {
    out = out.replace(new RegExp(`\\b${name}\\b`, 'g'), `m${i}`);
  });
  return out;
}

test('the fixture corpus, also with renamed imports, and generated modules: the same findings as converting everything', () => {
  let findings = 0;
  for (const path of fixtureFiles()) {
    const text = readFileSync(path, 'utf8');
    findings += assertFilterChangesNothing(unitsOf(path, text), path);
    if (!path.endsWith('.ipynb')) findings += assertFilterChangesNothing(unitsOf(path, renameAliases(text)), `${path}, imports renamed`);
  }
  for (const seed of [1, 7]) findings += assertFilterChangesNothing([{ text: generatePython(2000, seed), language: 'python' }], `generated ${seed}`);
  assert.ok(findings > 100, `the comparison covers findings: ${findings}`);
});

/** Code a rule needs where the statement holds no trigger of its own: aliased initializers, layers and seeds, weights assigned from anything, in-place re-initialization. */
const NEEDED = [
  'from torch.nn.init import constant_ as c\nimport torch.nn as nn\nfc = nn.Linear(4, 4)\nc(fc.weight, 0.5)\n',
  'from numpy import zeros as z\nW1 = z((784, 128))\nW2 = z((128, 10))\n',
  'import numpy as np\nimport torch.nn.init as I\nW1 = np.zeros((4, 4))\nI.orthogonal_(W1)\nW2 = np.zeros((4, 4))\n',
  'import numpy as np\nfrom torch import manual_seed as ms\nW = np.empty((4, 4))\nfor i in range(4):\n    ms(0)\n    W[i] = np.random.randn(4)\n',
  'import numpy as np\nimport torch.nn as tnn\nclass M(tnn.Module):\n    def __init__(self):\n        self.conv = tnn.Conv2d(3, 8, 3)\n        self.W_mid = tnn.Parameter(np.zeros((8, 8)))\n',
  'import torch\nfrom torch.nn import Linear as L\nfc1 = L(784, 128)\nfc2 = L(128, 10)\ntorch.nn.init.constant_(fc1.weight, 0.1)\n',
  // A weight assigned from code no trigger marks still counts as a layer (the file is not a single-layer model).
  'import numpy as np\nW_hidden = np.zeros((784, 128))\nW_out = np.asarray(pre)\n',
  'import numpy as np\nW_hidden = np.zeros((784, 128))\nW_out = pre\n',
  'import numpy as np\nW_hidden = np.zeros((784, 128))\nW_out = (np.load("w.npy"))\nW_x = None\n',
  'import jax.numpy as jnp\nW_hidden = jnp.zeros((784, 128))\nW_out = jnp.array(pre)\n',
  // An in-place method no trigger marks re-initializes what an earlier statement left empty or constant.
  'import torch\nW1 = torch.nn.Parameter(torch.zeros(784, 128))\nW2 = torch.nn.Parameter(torch.zeros(128, 64))\nW3 = torch.nn.Parameter(torch.randn(64, 10))\nW1.data.copy_(torch.from_numpy(a))\n',
  'import torch\nW1 = torch.empty(784, 128)\nW2 = torch.empty(128, 64)\nW3 = torch.randn(64, 10)\nW1.copy_(torch.from_numpy(a))\n',
  // A name imported inside a function makes the nested statements after it relevant.
  'import torch.nn as nn\ndef build():\n    from torch.nn.init import constant_ as c\n    fc = nn.Linear(4, 4)\n    def setup():\n        c(fc.weight, 0.5)\n    setup()\n    return fc\n',
  'import * as tf from "@tensorflow/tfjs";\nconst w = tf.variable(tf.zeros([784, 128]));\nconst d = tf.layers.dense({units: 4, kernelInitializer: "ones"});\n',
];

test('code a rule needs without a trigger of its own (aliased initializers, layers, seeds; weights assigned from anything; in-place re-initialization): the same findings as converting everything', () => {
  for (const text of NEEDED) {
    const findings = assertFilterChangesNothing([{ text, language: text.includes('@tensorflow') ? 'javascript' : 'python' }], text);
    assert.ok(findings >= 1, `a finding to keep: ${text}`);
  }
});

test('a module import does not make statements relevant; an import naming an initializer, layer or seed does', () => {
  for (const q of ['numpy', 'torch', 'torch.nn', 'torch.nn.functional', 'tensorflow', 'jax.numpy', 'math', 'tfjs']) assert.equal(aliasMatters(q), false, q);
  for (const q of ['torch.nn.init', 'torch.nn.init.constant_', 'numpy.zeros', 'torch.nn.Linear', 'torch.nn.Conv2d', 'torch.manual_seed', 'tensorflow.keras.initializers', 'haiku.get_parameter']) assert.equal(aliasMatters(q), true, q);
});

test('code in most files that names no initializer is no trigger (None, __init__, zero_grad, .parameters()); its neighbours still are', () => {
  for (const code of ['x is None', 'super().__init__()', 'def __init__(self, d):', 'opt.zero_grad()', 'opt = Adam(model.parameters(), lr=1e-3)']) assert.equal(hasTrigger(code), false, code);
  for (const code of ['np.ones(3)', "'one'", 'nn.init.zeros_(w)', 'self._init_weights(m)', 'def __init__(self, init=None):', 'W.copy_(x)', 'W.__setitem__(s, x)', 'W.zero_()', 'np.zeros(3)', 'nn.Parameter(x)', 'self.reset_parameters()', 'm.named_parameters()', 'self.param("w", init)']) {
    assert.equal(hasTrigger(code), true, code);
  }
  // Findings next to such code are the same with the filter as converting everything.
  const text =
    'import torch\nimport torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc1 = nn.Linear(4, 8)\n        self.fc2 = nn.Linear(8, 2)\n' +
    '        for p in self.parameters():\n            nn.init.constant_(p, 0.5)\n        self.W = nn.Parameter(torch.empty(8, 8))\n        self.reset_parameters()\n\n' +
    'def train(model, opt):\n    opt.zero_grad()\n    params = list(model.parameters())\n    nn.init.zeros_(params[0])\n';
  assert.ok(assertFilterChangesNothing([{ text, language: 'python' }], text) >= 1);
  // A dunder method that fills a tensor in place initializes it like copy_() (an empty W2 is still reported).
  const dunder = 'import torch\nW = torch.empty(3, 4)\nW2 = torch.empty(4, 4)\nW.__setitem__(slice(None), x)\n';
  assert.equal(assertFilterChangesNothing([{ text: dunder, language: 'python' }], dunder), 1);
});

test('the trigger pattern, grouped by first character for speed, matches what its plain alternation matches', () => {
  const plain = new RegExp(TRIGGER_ALTERNATIVES.join('|'));
  const lines = [generatePython(300), ...fixtureFiles().map((f) => readFileSync(f, 'utf8'))].flatMap((t) => t.split('\n'));
  // The exceptions at the edges of a text, and every trigger alone.
  const edges = ['None', 'one', 'xone', '__init__', 'init__', '__init', '_init_', '.parameters()', 'parameters', '.param', 'zero_grad', 'zero', '__init_(', 'f_(', '[:]', '[...]', '[.]', '*', '@'];
  let matched = 0;
  for (const s of [...lines, ...edges, ...TRIGGER_ALTERNATIVES]) {
    assert.equal(hasTrigger(s), plain.test(s), s);
    matched += plain.test(s) ? 1 : 0;
  }
  assert.ok(matched > 300 && lines.length - matched > 300, `${matched} of ${lines.length}`);
});
