// The fast reader against its reference: for any text, the Program it builds must equal the one
// built from Lezer's tree, and it must read (not hand to Lezer) the code the analyzer usually meets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { generatePython } from '../../../bench/analyzer.bench';
import { pythonChunks } from '../../../src/core/analyzer/chunks';
import { runEngine } from '../../../src/core/analyzer/engine';
import { buildProgram } from '../../../src/core/analyzer/parse';
import { readPythonChunk } from '../../../src/core/analyzer/pythonReader';

const fixtures = readdirSync('test/fixtures/analyzer')
  .filter((f) => f.endsWith('.py'))
  .map((f) => ({ name: f, text: readFileSync(`test/fixtures/analyzer/${f}`, 'utf8') }));

/** Asserts both readings build the same Program; with `everything`, with every statement converted. */
function assertSameModel(text: string, label: string, everything = true): void {
  const fast = buildProgram(text, 'python', { reading: 'fast', convertAll: everything });
  const lezer = buildProgram(text, 'python', { reading: 'lezer', convertAll: everything });
  assert.deepEqual(fast, lezer, label);
}

/** Share of a text's chunks the fast reader reads itself. */
function fastShare(text: string): number {
  const chunks = pythonChunks(text);
  const read = chunks.filter((c) => readPythonChunk(text, c.from, c.to, new Set(), new Set(), true) !== undefined).length;
  return read / chunks.length;
}

test('names that share a slot of the tokenizer\'s name cache (same length, first, middle and last character) are told apart', () => {
  // Pairs differing only where the slot's hash does not look: short names (keyed), 8 to 12 characters (compared), non-ASCII.
  const names = ['abcde', 'axcye', 'afcge', 'Wabc1', 'Wxbz1', 'fc1_abcd', 'fc1_xbcd', 'layer_a_ten', 'layer_b_ten', 'wé1', 'wà1', 'α_β', 'α_γ'];
  const text = ['import numpy as np', ...names.map((n, i) => `${n} = np.zeros((${i + 2}, 3)) + ${names[(i + 1) % names.length]}`), ''].join('\n');
  for (let round = 0; round < 2; round++) assertSameModel(text, `round ${round}`);
  const program = buildProgram(text, 'python', { reading: 'fast', convertAll: true });
  const targets = program.statements.filter((s) => s.kind === 'assign').map((s) => (s.targets[0].kind === 'name' ? s.targets[0].parts.join('.') : '?'));
  assert.deepEqual(targets, names);
});

test('fixtures and generated modules: the same model as Lezer, read almost entirely by the fast reader', () => {
  const texts = [...fixtures, { name: 'generated', text: generatePython(3000) }];
  for (const { name, text } of texts) {
    assertSameModel(text, `${name}, all statements converted`);
    assertSameModel(text, `${name}, as analyzed`, false);
  }
  const fixtureText = fixtures.map((f) => f.text).join('\n');
  assert.ok(fastShare(fixtureText) >= 0.95, `fast reader share on the fixtures: ${fastShare(fixtureText)}`);
  assert.equal(fastShare(generatePython(3000)), 1);
});

/** Snippets the fast reader must read itself, each with what a rule would need from it. */
const READ = [
  'W = np.zeros((784, 128))  # c\nb = np.zeros(128)\n',
  'a = b = c = f(x)\nx, y = 1, 2\n(p, q) = g()\nr: int = 3\ns: float\nW *= 0\nW[:] = 0.5\nW[...] = 1\nW[:, 0] = 2\nv[1:3, ::2] = 0\n',
  'x = not a or b\ny = a and not b or c\nz = x < y == z\nq = a in b < c\nn = a not in b\nm = a is not None\nd = -x ** -2 * 3\ne = ~a | b ^ c & d << 2 >> 1\nf = a @ b // c % d\n',
  'v = a if b else c\nl = lambda x, y=2, *a, k=1, **kw: x * y\nm = lambda: 0\n',
  'f(*a, k=1, **kw)\ng(x for x, y in z if c)\nh(a)(b)[c].d.e(f=1,)\n',
  'a = [f(x) for x in y if x]\nb = {k: v for k in d}\nc = {x for x in y}\nd = (x for x in y)\ne = {1, 2}\nf = {"a": 1, b: 2, **c}\ng = {}\nh = ()\ni = (1,)\nj = [1, 2,]\n',
  's = "a" "b"\nt = b"x" r\'y\'\nu = """doc\nstring"""\nv = 1_000 + 0x1F + 1e-3 + 2j + .5\nw = True, False, None, ...\n',
  'import numpy as np, os.path\nimport torch.nn.init as I\nfrom torch import nn\nfrom . import sibling\nfrom ..pkg.mod import (a as b, c,)\nfrom x import *\n',
  'class A(B, metaclass=M):\n    """Doc."""\n\n    def __init__(self, d: int = 3, *args, **kw) -> None:\n        super().__init__()\n        self.fc = nn.Linear(d, 4)  # layer\n        # a comment\n\n    @property\n    @functools.lru_cache(maxsize=None)\n    def f(self, /, a, *, b):\n        return self.fc.weight, 1\n',
  'for m in model.modules():\n    if isinstance(m, nn.Linear):\n        nn.init.zeros_(m.weight)\n    elif m.bias is not None: nn.init.zeros_(m.bias)\n    else:\n        pass\nelse:\n    x = 1\n',
  'while check(x):\n    x -= 1; y = 2;\nwith torch.no_grad(), open(p) as f:\n    W.fill_(0)\ntry:\n    a = 1\nexcept (A, B) as e:\n    raise X from e\nexcept:\n    raise\nelse:\n    del a, b[0]\nfinally:\n    assert a, "msg"\n',
  'def f():\n    global g\n    nonlocal h\n    return\ndef g():\n    return (\n        a  # why\n        + b\n    )\nx = 1 \\\n    + 2\n',
  // f-strings: fields with calls, members, conversions, self-documenting `=`, specs with nested fields; escapes; concatenation.
  'x = f"{np.zeros(3)}"\ny = f"E {type(o).__name__} got {a.b!r} {c:>10} {d=} {e = } {g:{w}.{p}f} {h!r:>{w!s}}"\nz = f"a\\nb{x}\\x41\\u1234\\N{DASH}\\123\\\\{{lit}} }}"\n',
  "w = rf'raw\\n{x}\\{y}' 'plain' F\"{ {1: 2}[k] }\" f'''multi {x}\n line {f\"{y}\"}'''\nv = f\"{'a' if x else 'b'}{d['k']:%Y-%m}{x!r }{x:}\"\nraise ValueError(f\"bad {x}\")\n",
  // Star items, walrus, yield.
  'x = (*a.shape[:-1], 2)\ny = [*a, b.c]\nz = {*a, b}\nw = *a, b\na, *rest = f()\nreturn *a, b\nfor x in (*a, *b):\n    pass\n',
  'if (n := len(a)) > 0:\n    pass\nelif m := g(a):\n    pass\nwhile (k := f()) is not None:\n    pass\ny = [v for x in z if (v := f(x))]\nq = [x := 1, *b]\n',
  'def gen(a):\n    yield a\n    yield a, *b\n    yield from g(a)\n    x = yield a\n    y = yield\n    yield\n',
  'from ... import registry\nfrom ...ir import (A, B as C)\nfrom .... import x\nfrom ....a.b import y\n',
  // `2.` (Lezer: a member access with no property, made the number) and member accesses on numbers.
  'x = 2.\ny = [2., 4]\nf(-5.)\nz = (2.*m.pi*t) + 3.*t - 1.**2\nw = 1.e5 + 1.j + 1.5.real + 1.__class__ + 2 .real\nf(alpha=2.)\ns[1::2] *= -1.\nv = 1..real\n',
];

/** Snippets outside the subset: Lezer reads them, and the result is the same. */
const HANDED_TO_LEZER = [
  'x = f"{a, b}"\n',
  'x = f"{*a}"\n',
  'x = f"{x:=5}"\n',
  'x = f"{x! r}"\n',
  'x = f"{lambda: 1}"\n',
  'x = f"{x # c\n}"\n',
  'x := 1\n',
  'x = {y := 1}\n',
  'x = (yield y)\n',
  'with f() as (a, b):\n    pass\n',
  'async def f():\n    await g()\n',
  'match x:\n    case 1:\n        pass\n',
  'print x\n',
  'if x:\n\ty = 1\n',
  'x = 1. if a else 2.\n',
  'f(alpha=2. )\n',
  'x = 2.  \n',
  'x = 2j.\n',
  'x = (\n',
  'def f(:\n    pass\n',
  'import numpymport numpy as np\n',
  'def forwaf forward(X):\n    pass\n',
  'with (open(a) as f, open(b) as g):\n    pass\n',
];

test('constructs in the subset are read by the fast reader and give the same model', () => {
  for (const text of READ) {
    const first = pythonChunks(text)[0];
    assert.ok(readPythonChunk(text, first.from, first.to, new Set(), new Set(), true), `fast reader reads: ${text}`);
    assert.equal(fastShare(text), 1, `every chunk read fast: ${text}`);
    assertSameModel(text, text);
    assertSameModel(text, text, false);
  }
});

test('constructs outside the subset go to Lezer, with the same model and no alias left behind', () => {
  for (const text of HANDED_TO_LEZER) {
    const chunks = pythonChunks(text);
    const aliases = new Set<string>();
    assert.equal(readPythonChunk(text, chunks[0].from, chunks[0].to, aliases, new Set(), true), undefined, `handed to Lezer: ${text}`);
    assert.equal(aliases.size, 0, `aliases unchanged: ${text}`);
    assertSameModel(text, text);
    assertSameModel(text, text, false);
  }
});

test('a statement no rule needs is skipped by its tokens: the same model as Lezer, also outside the subset', () => {
  // Irrelevant statements (no trigger, see relevance.ts) the full reading would hand to Lezer.
  const skipped = ['print x\n', 'x = (yield y)\n', 'await g(x)\n', 'y = x is\n', 'h += f(x,,)\n', 'return x if\n'];
  for (const text of skipped) {
    const chunks = pythonChunks(text);
    assert.ok(readPythonChunk(text, chunks[0].from, chunks[0].to, new Set(), new Set()), `read fast in the analyzer's mode: ${text}`);
    assert.equal(readPythonChunk(text, chunks[0].from, chunks[0].to, new Set(), new Set(), true), undefined, `handed to Lezer when converting everything: ${text}`);
  }
  for (const text of skipped.slice(0, 4)) assertSameModel(text, text, false);
  // Relevant statements and other shapes are read in full, as before.
  const full = 'a = b = f(x)\nc: int = g(x)\nd = lambda x=1: x\ne, = h(x)\nW = np.zeros((3, 4))\nreturn np.ones(3)\n';
  assertSameModel(full, full, false);
  const text = 'def init(W):\n    x = g(a, b)\n    loss.backward()\n    x += g(y)[0]\n    W.fill_(0)\n';
  const model = buildProgram(text, 'python');
  const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length];
  assert.deepEqual(
    model.statements.map((s) => [s.kind, s.op, s.targets.length, s.value.kind, s.value.from, s.value.to]),
    [
      ['assign', '=', 1, 'other', ...at('g(a, b)')],
      ['assign', '+=', 1, 'other', ...at('g(y)[0]')],
      ['expr', '', 0, 'call', ...at('W.fill_(0)')],
    ],
  );
  assertSameModel(text, text, false);
});

/** `n` windows of the fixtures, mutated as text is while typed: truncated, a line dropped or repeated, cut inside, re-indented. */
function* mutatedWindows(n: number): Generator<string> {
  let seed = 11;
  const rnd = (k: number) => Math.floor(((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * k);
  for (let k = 0; k < n; k++) {
    const lines = fixtures[rnd(fixtures.length)].text.split('\n');
    const a = rnd(lines.length);
    let w = lines.slice(a, a + 1 + rnd(30));
    const i = rnd(w.length);
    switch (rnd(5)) {
      case 0: {
        const s = w.join('\n');
        w = [s.slice(0, rnd(s.length + 1))];
        break;
      }
      case 1:
        w.splice(i, 1);
        break;
      case 2:
        w.push(...w.slice(0, 3));
        break;
      case 3:
        w[i] = w[i].slice(0, rnd(w[i].length + 1)) + w[i].slice(rnd(w[i].length + 1));
        break;
      default:
        w[i] = ' '.repeat(rnd(8)) + w[i].trimStart();
    }
    yield w.join('\n');
  }
}

test('2,000 mutated fixture windows (truncated, spliced, re-indented): the same model as Lezer', () => {
  let read = 0;
  for (const text of mutatedWindows(2000)) {
    assertSameModel(text, JSON.stringify(text));
    if (fastShare(text) === 1) read++;
  }
  // Most windows stay valid Python the fast reader reads; the rest test its hand-over.
  assert.ok(read > 600 && read < 1950, `${read} of 2000 windows read fast`);
});

test('the same windows as analyzed (statements no rule needs skipped by their tokens, also when broken): the same findings as reading with Lezer alone', () => {
  // On broken code the two readings may differ in what no rule reads (a skipped value's span, the words of a line Lezer could not parse).
  let findings = 0;
  for (const text of mutatedWindows(2000)) {
    const lezer = runEngine([{ text, language: 'python' }], { reading: 'lezer' });
    assert.deepEqual(runEngine([{ text, language: 'python' }]), lezer, JSON.stringify(text));
    findings += lezer.length;
  }
  assert.ok(findings > 1000, `the comparison covers findings: ${findings}`);
});

test('the same model as Lezer where the two could part: `2.` before blanks, comments and the end of the text; starred updates; the words of f-strings', () => {
  const texts = [
    // `2.` followed by blanks: Lezer stretches the number (and its parents) over them; left to Lezer.
    'x = -2. * 3\ny = a * 2. + b\nz = a < 2. < b\nf(-1. * y)\n',
    'def f():\n    W = np.zeros(3)\n    lr = 1.  # rate\n    x = 2. ;y = 1\n    v = 2. if a else 3.\n',
    'x = 2.  # c',
    'x = 2. ',
    'def f():\n    return 2.  # c',
    'x = 2.',
    // An update takes no star item (Lezer's commaSep<test>).
    'x += a, *b\nW = np.zeros(3)\n',
    // Words inside f-strings are those of Lezer's tree: names and strings of the fields, not of the text, specs or escapes.
    'import numpy as np\nW1 = np.zeros((784, 128))\nb1 = np.zeros(128)\nlog = f"{np.ones(1)} {d[\'a relu\']}"\n',
    'W = np.zeros(3)\na = f"{x:tanh} {None} \\N{relu} {d[\'nn.ReLU\']} {y!r:>{w2}} {z=}"\nb = rf"\\{relu} {fc3}"\nc = f"{1.e5} {v.relu6}"\n',
  ];
  for (const text of texts) {
    for (const everything of [true, false]) assertSameModel(text, `${text} (convert all: ${everything})`, everything);
    const findings = (reading: 'fast' | 'lezer') => runEngine([{ text, language: 'python' }], { reading });
    assert.deepEqual(findings('fast'), findings('lezer'), text);
  }
});
