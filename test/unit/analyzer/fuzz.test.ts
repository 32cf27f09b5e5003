import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, analyzeNotebook, type AnalysisResult, type SourceLanguage } from '../../../src/core/analyzer/index';
import { fixtureFiles } from '../../../scripts/analyzer-quality';

/** mulberry32: a small seeded generator so every run sees the same inputs. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['np.zeros(', 'torch.', 'nn.init.constant_(', 'self.fc1.weight', ', ', '0', '0.5', '(', ')', '[', ']', '{', '}', ':', '\n', '    ', '=', '*', '#', '// ', "'zeros'", 'kernel_initializer=', 'import numpy as np\n', "import * as tf from '@tensorflow/tfjs';\n", 'W1', 'lambda l: ', '"""', '`', '\\', '@', 'def f(', 'class A:', '\t', '\r\n', '\u2028', '\ud800', '\0'];

function junk(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const p = r();
    if (p < 0.5) s += TOKENS[Math.floor(r() * TOKENS.length)];
    else if (p < 0.8) s += String.fromCharCode(Math.floor(r() * 128));
    else s += String.fromCharCode(Math.floor(r() * 0x10000));
  }
  return s;
}

function mutate(r: () => number, text: string): string {
  let s = text;
  const ops = 1 + Math.floor(r() * 6);
  for (let i = 0; i < ops; i++) {
    const at = Math.floor(r() * (s.length + 1));
    const kind = r();
    if (kind < 0.25) s = s.slice(0, at);
    else if (kind < 0.5) s = s.slice(0, at) + junk(r, 1 + Math.floor(r() * 8)) + s.slice(at);
    else if (kind < 0.75) s = s.slice(0, at) + s.slice(Math.min(s.length, at + 1 + Math.floor(r() * 40)));
    else {
      const lines = s.split('\n');
      const j = Math.floor(r() * lines.length);
      lines.splice(j, 0, lines[Math.floor(r() * lines.length)] ?? '');
      s = lines.join('\n');
    }
  }
  return s;
}

function check(result: AnalysisResult, label: string): void {
  assert.ok(Array.isArray(result.findings), label);
  assert.ok(!result.skipped?.detail.startsWith('internal analyzer error'), `${label}: ${result.skipped?.detail}`);
  for (const f of result.findings) {
    assert.ok(f.range.start.offset <= f.range.end.offset, label);
    assert.ok(f.range.start.line >= 0 && f.range.start.character >= 0, label);
  }
}

/** Runs one analysis and bounds its CPU time (not wall time, so a busy machine does not fail the test). */
function timed(label: string, limitMs: number, run: () => AnalysisResult): void {
  const c0 = process.cpuUsage();
  const result = run();
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  check(result, label);
  assert.ok(ms < limitMs, `${label} took ${ms.toFixed(1)} ms of CPU (limit ${limitMs})`);
}

const langs: SourceLanguage[] = ['python', 'javascript', 'typescript', 'jsx', 'tsx'];
const corpus = fixtureFiles().map((p) => ({ p, text: readFileSync(p, 'utf8') }));
// Warm up parsers and rules once so the per-input time bounds measure analysis, not JIT start-up.
for (const { p, text } of corpus) analyze(text, { language: p.endsWith('.py') ? 'python' : 'typescript' });

test('1200 random token/junk inputs in every language: no throw, each under 500 ms', () => {
  const r = rng(1);
  for (let i = 0; i < 1200; i++) {
    const text = junk(r, Math.floor(r() * 400));
    const language = langs[i % langs.length];
    timed(`junk #${i} (${language})`, 500, () => analyze(text, { language }));
  }
});

test('1500 mutated fixture windows (truncated, spliced, duplicated lines): no throw, each under 500 ms', () => {
  const r = rng(2);
  for (let i = 0; i < 1500; i++) {
    const { p, text } = corpus[i % corpus.length];
    if (p.endsWith('.ipynb')) {
      const m = mutate(r, text);
      timed(`mutated ${p} #${i}`, 500, () => analyzeNotebook(m));
      continue;
    }
    const lines = text.split('\n');
    const from = Math.floor(r() * lines.length);
    const m = mutate(r, lines.slice(from, from + 1 + Math.floor(r() * 30)).join('\n'));
    timed(`mutated ${p} #${i}`, 500, () => analyze(m, { language: p.endsWith('.py') ? 'python' : p.endsWith('.ts') ? 'typescript' : 'javascript' }));
  }
});

test('binary junk: every byte value, NULs and lone surrogates', () => {
  const r = rng(3);
  for (let i = 0; i < 300; i++) {
    const bytes = Array.from({ length: 100 + Math.floor(r() * 1000) }, () => String.fromCharCode(Math.floor(r() * 256)));
    const text = bytes.join('');
    timed(`binary #${i}`, 500, () => analyze(text));
    timed(`binary notebook #${i}`, 500, () => analyzeNotebook(text));
  }
});

test('deep nesting: 5k brackets, 2k nested calls, 500-level indentation, deep JS objects', () => {
  const cases: Array<[string, SourceLanguage]> = [
    ['('.repeat(5000), 'python'],
    ['['.repeat(5000) + ']'.repeat(5000), 'python'],
    [`W1 = ${'f('.repeat(2000)}np.zeros((3, 4))${')'.repeat(2000)}\n`, 'python'],
    [Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(500)}W1 = np.zeros((3, 4))\n`, 'python'],
    [`const w1 = ${'{a: '.repeat(2000)}tf.zeros([3, 4])${'}'.repeat(2000)};\n`, 'javascript'],
    [`x = ${'-'.repeat(10_000)}1\n`, 'python'],
    [`y = ${'a.'.repeat(5000)}b\n`, 'python'],
    [`z = ${'1 + '.repeat(5000)}1\n`, 'python'],
  ];
  cases.forEach(([text, language], i) => timed(`nesting case ${i}`, 5000, () => analyze(text, { language })));
});

test('huge lines and huge files stay fast', () => {
  const longLine = `W1 = [${'np.zeros((3, 4)), '.repeat(5000)}]\n`;
  timed('100k-character line', 5000, () => analyze(`import numpy as np\n${longLine}`));
  const many = `import numpy as np\n${Array.from({ length: 10_000 }, (_, i) => `W${i} = np.zeros((${(i % 97) + 2}, 8))`).join('\n')}\n`;
  timed('10,000 flagged lines', 15_000, () => analyze(many));
  const capped = analyze('x'.repeat(5_000_001));
  assert.equal(capped.skipped?.reason, 'tooLarge');
});
