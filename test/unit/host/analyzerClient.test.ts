import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { analyze, analyzeFile } from '../../../src/core/analyzer/index';
import { SessionStore } from '../../../src/core/analyzer/sessions';
import { AnalyzerClient } from '../../../src/host/language/analyzerClient';
import { isAnalyzeRequest, isForgetDocument, isFromAnalyzer } from '../../../src/shared/analyzerProtocol';

const MODEL = 'import numpy as np\n\nW1 = np.zeros((784, 128))\nb1 = np.zeros(128)\nW2 = np.random.randn(128, 10) * 0.01\n';

let dir: string;
let workerScript: string;
const logged: string[] = [];
const log = { warn: (m: string) => logged.push(`warn ${m}`), error: (m: string) => logged.push(`error ${m}`) };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vi-analyzer-worker-'));
  workerScript = join(dir, 'analyzerWorker.js');
  await build({ entryPoints: ['src/worker/analyzerWorker.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerScript, logLevel: 'error' });
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the worker returns what the analyzer returns in-thread, for text and for notebook cells', async () => {
  const client = new AnalyzerClient(workerScript, log);
  try {
    const { result } = await client.analyze({ kind: 'text', text: MODEL }, { language: 'python' });
    assert.deepEqual(result, analyze(MODEL));
    assert.equal(result.findings[0].code, 'VI001');
    const cells = await client.analyze({ kind: 'cells', cells: [{ index: 0, text: 'import numpy as np' }, { index: 1, text: 'W1 = np.ones((8, 4))\nW2 = np.random.randn(4, 2)' }] }, {});
    assert.deepEqual(cells.result.findings.map((f) => [f.cell, f.code]), [[1, 'VI001']]);
  } finally {
    client.dispose();
  }
});

test('versions of named documents, interleaved, Python and TensorFlow.js, are answered as fresh analyses of each version would be', async () => {
  const client = new AnalyzerClient(workerScript, log);
  try {
    const python = ['import numpy as np', '', ...Array.from({ length: 60 }, (_, i) => (i % 3 ? `W${i} = np.random.randn(8, 8)` : `W${i} = np.zeros((${i + 2}, 8))`)), ''];
    const tfjs = ["import * as tf from '@tensorflow/tfjs';", '', ...Array.from({ length: 40 }, (_, i) => `const w${i} = tf.variable(${i % 2 ? 'tf.zeros' : 'tf.randomNormal'}([${i + 2}, 8]));`), ''];
    const docs = [
      { uri: 'file:///a.py', language: 'python' as const, lines: python.slice(), extra: (n: number) => `extra${n} = np.ones((4, 4))` },
      { uri: 'file:///b.py', language: 'python' as const, lines: python.slice(), extra: (n: number) => `extra${n} = np.ones((4, 4))` },
      { uri: 'file:///m.js', language: 'javascript' as const, lines: tfjs, extra: (n: number) => `const extra${n} = tf.variable(tf.ones([4, 4]));` },
    ];
    for (let step = 0; step < 18; step++) {
      const d = docs[step % 3];
      // Closing a document in between: its next version is read afresh, with the same result.
      if (step === 9) client.forget(d.uri);
      const at = 2 + ((step * 7) % 38);
      if (step % 4 === 0) d.lines.splice(at, 1);
      else d.lines.splice(at, 0, d.extra(step));
      const text = d.lines.join('\n');
      const { result } = await client.analyze({ kind: 'text', text, document: d.uri }, { language: d.language });
      assert.deepEqual(result, analyze(text, { language: d.language }), `${d.uri}, step ${step}`);
      assert.ok(result.findings.length > 0, `${d.uri} has findings`);
    }
  } finally {
    client.dispose();
  }
});

test('the session store keeps the most recently analyzed documents only, within a count and a total size', () => {
  const store = new SessionStore(2, 100);
  const text = (n: number) => `x = 1${' '.repeat(n - 6)}\n`;
  const run = (doc: string, n: number) => assert.deepEqual(store.analyze(doc, text(n), { language: 'python' }), analyze(text(n)));
  run('a', 10);
  const a = store.sessionOf('a');
  run('b', 10);
  run('a', 10);
  assert.ok(a && store.sessionOf('a') === a, 'a document keeps its session');
  assert.deepEqual(store.documents(), ['b', 'a']);
  run('c', 10);
  assert.deepEqual(store.documents(), ['a', 'c'], 'the least recently used (b) is dropped');
  run('b', 10);
  assert.deepEqual(store.documents(), ['c', 'b']);
  run('big', 95);
  assert.deepEqual(store.documents(), ['big'], 'over the size budget, older documents go first');
  run('huge', 1000);
  assert.deepEqual(store.documents(), ['huge'], 'the document in hand is always kept');
  assert.equal(store.analyze('huge', text(60), { maxChars: 50 }).skipped?.reason, 'tooLarge');
  assert.deepEqual(store.documents(), [], 'a version over the size limit is skipped and its session dropped');
  run('a', 10);
  run('b', 10);
  store.forget('a');
  assert.deepEqual(store.documents(), ['b'], 'a closed document is forgotten');
});

test('concurrent requests are answered to the right caller', async () => {
  const client = new AnalyzerClient(workerScript, log);
  try {
    const texts = Array.from({ length: 8 }, (_, i) => (i % 2 ? MODEL : 'import numpy as np\nW = np.random.randn(3, 4)\n'));
    const results = await Promise.all(texts.map((text) => client.analyze({ kind: 'text', text }, {})));
    assert.deepEqual(results.map((r) => r.result.findings.length), [0, 1, 0, 1, 0, 1, 0, 1]);
  } finally {
    client.dispose();
  }
});

test('without a worker bundle the analysis runs in-thread, with a warning in the log', async () => {
  logged.length = 0;
  const client = new AnalyzerClient(join(dir, 'missing.js'), log);
  const { result } = await client.analyze({ kind: 'text', text: MODEL }, {});
  assert.equal(result.findings.length, 1);
  assert.match(logged.join('\n'), /missing\.js is missing/);
  client.dispose();
});

test('a worker that never answers times out, and one that exits rejects what was pending', async () => {
  const silent = join(dir, 'silent.js');
  writeFileSync(silent, "require('node:worker_threads').parentPort.on('message', () => {});\n");
  const slow = new AnalyzerClient(silent, log, 200);
  await assert.rejects(slow.analyze({ kind: 'text', text: MODEL }, {}), /longer than 200 ms/);
  slow.dispose();
  const dying = join(dir, 'dying.js');
  writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
  const client = new AnalyzerClient(dying, log);
  await assert.rejects(client.analyze({ kind: 'text', text: MODEL }, {}), /exited with code 3/);
  client.dispose();
});

test('after dispose() requests are refused', async () => {
  const client = new AnalyzerClient(workerScript, log);
  client.dispose();
  await assert.rejects(client.analyze({ kind: 'text', text: MODEL }, {}), /disposed/);
});

test('the protocol guards reject malformed messages', () => {
  assert.ok(isAnalyzeRequest({ type: 'analyze', id: 1, input: { kind: 'text', text: '' }, options: {} }));
  assert.ok(!isAnalyzeRequest({ type: 'analyze', id: 1, input: { kind: 'text', text: 3 }, options: {} }));
  assert.ok(isAnalyzeRequest({ type: 'analyze', id: 1, input: { kind: 'text', text: '', document: 'file:///a.py' }, options: {} }));
  assert.ok(!isAnalyzeRequest({ type: 'analyze', id: 1, input: { kind: 'text', text: '', document: 7 }, options: {} }));
  assert.ok(isForgetDocument({ type: 'forget', document: 'file:///a.py' }));
  assert.ok(!isForgetDocument({ type: 'forget' }) && !isForgetDocument({ type: 'forget', document: 1 }) && !isForgetDocument(null));
  assert.ok(!isAnalyzeRequest({ type: 'analyze', id: '1', input: { kind: 'cells', cells: [] }, options: {} }));
  assert.ok(!isAnalyzeRequest(null));
  assert.ok(isFromAnalyzer({ type: 'result', id: 1, result: { findings: [] }, elapsedMs: 1 }));
  assert.ok(isFromAnalyzer({ type: 'error', id: 1, message: 'x' }));
  assert.ok(!isFromAnalyzer({ type: 'result', id: 1, result: {} }));
  assert.ok(!isFromAnalyzer({ type: 'other', id: 1 }));
});

test('a burst of requests waits in line without timing out; a timeout fails only the request in hand', async () => {
  // Answers each request after 300 ms, one at a time, except texts saying "hang".
  const paced = join(dir, 'paced.js');
  writeFileSync(paced, `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.input.text === 'hang') return;
  const until = Date.now() + 300;
  while (Date.now() < until);
  parentPort.postMessage({ type: 'result', id: m.id, result: { findings: [] }, elapsedMs: 300 });
});
`);
  // The timeout leaves room for the worker to boot on a busy machine, yet is far below the burst's total.
  // (1.2 s above one answer's 300 ms: a loaded machine delays the answer's delivery, not only its work.)
  const client = new AnalyzerClient(paced, log, 1500);
  try {
    // Ten requests take ~3 s in all, twice the timeout: none may time out while waiting.
    const burst = await Promise.allSettled(Array.from({ length: 10 }, () => client.analyze({ kind: 'text', text: 'x' }, {})));
    assert.deepEqual(burst.map((r) => r.status), Array(10).fill('fulfilled'));
    const [hung, after] = await Promise.allSettled([client.analyze({ kind: 'text', text: 'hang' }, {}), client.analyze({ kind: 'text', text: 'x' }, {})]);
    assert.equal(hung.status, 'rejected');
    assert.match(String((hung as PromiseRejectedResult).reason), /longer than 1500 ms/);
    assert.equal(after.status, 'fulfilled', 'the request behind it is served by the restarted worker');
  } finally {
    client.dispose();
  }
});

test('a whole file (path picks the language, .ipynb is a notebook) is analyzed in the worker as in-thread', async () => {
  const client = new AnalyzerClient(workerScript, log);
  try {
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', source: MODEL.split('\n').map((l) => `${l}\n`) }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    for (const [path, text] of [['/w/model.py', MODEL], ['/w/nb.ipynb', notebook]] as const) {
      const { result } = await client.analyze({ kind: 'file', path, text }, {});
      assert.deepEqual(result, analyzeFile(path, text, {}));
      assert.equal(result.findings.length, 1, path);
    }
  } finally {
    client.dispose();
  }
});
