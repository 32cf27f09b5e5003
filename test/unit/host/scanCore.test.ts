import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExcludeMatcher, compileGlob, isScannable, replaceFile, scanFiles, searchExcludeGlob, type ScanFile } from '../../../src/host/views/scanCore';

const BAD = 'import numpy as np\nW1 = np.zeros((784, 128))\n';
const GOOD = 'import numpy as np\nW1 = np.random.randn(784, 128) * 0.01\n';

function file(path: string, text: string): ScanFile {
  return { path, read: () => Promise.resolve(text) };
}

test('globs: **, *, ?, groups (nested), ranges', () => {
  assert.ok(compileGlob('**/node_modules/**').test('a/b/node_modules/x/y.js'));
  assert.ok(compileGlob('**/node_modules/**').test('node_modules/x.js'));
  assert.ok(!compileGlob('**/node_modules/**').test('src/node_modulesx/y.js'));
  assert.ok(compileGlob('experiments/*.py').test('experiments/a.py'));
  assert.ok(!compileGlob('experiments/*.py').test('experiments/deep/a.py'));
  assert.ok(compileGlob('**/*.{py,ipynb}').test('x/y.ipynb'));
  assert.ok(compileGlob('**/{a,b/{c,d}}/*.py').test('q/b/d/z.py'));
  assert.ok(compileGlob('m?del.py').test('model.py'));
  assert.ok(compileGlob('[a-c].py').test('b.py') && !compileGlob('[a-c].py').test('d.py'));
  assert.ok(compileGlob('**/.git').test('.git'));
});

test('the exclude matcher honours files.exclude (true entries), the analysis setting and folders', () => {
  const m = new ExcludeMatcher({ '**/.git': true, '**/build': true, '**/*.tmp.py': false }, ['**/legacy/**', 'experiments/*.py']);
  assert.ok(m.matches('build/gen/model.py'), 'a file inside an excluded folder');
  assert.ok(m.matches('pkg/legacy/old.py'));
  assert.ok(m.matches('experiments/a.py'));
  assert.ok(!m.matches('experiments/deep/a.py'));
  assert.ok(!m.matches('x.tmp.py'), 'false entries do not exclude');
  assert.ok(m.matches('node_modules/@tensorflow/tfjs/index.js'), 'installed packages are never scanned');
  assert.ok(!m.matches('src/model.py', '/home/me/proj/src/model.py'));
  assert.ok(new ExcludeMatcher(undefined, ['/home/me/proj/src/**']).matches('src/model.py', '/home/me/proj/src/model.py'), 'absolute globs match the absolute path');
  assert.equal(searchExcludeGlob({ '**/.git': true, '**/{a,b}': true }, ['x/**']), '{**/node_modules/**,**/.git/**,**/site-packages/**,**/*.d.ts,**/.git,x/**}');
});

test('scannable paths', () => {
  assert.ok(isScannable('a/model.py') && isScannable('nb.ipynb') && isScannable('m.ts'));
  assert.ok(!isScannable('index.d.ts') && !isScannable('README.md'));
});

test('scan: findings grouped by file, sorted; unreadable files are skipped, not fatal', async () => {
  const progress: number[] = [];
  const r = await scanFiles([
    file('/w/z.py', BAD), file('/w/a.py', `# header\n${BAD}`), file('/w/ok.py', GOOD),
    { path: '/w/gone.py', read: () => Promise.reject(new Error('ENOENT')) },
  ], { onProgress: (done) => progress.push(done) });
  assert.deepEqual(r.files.map((f) => f.path), ['/w/a.py', '/w/z.py']);
  assert.deepEqual(r.files[0].findings.map((f) => [f.code, f.range.start.line]), [['VI001', 2]]);
  assert.equal(r.scanned, 3);
  assert.equal(r.skipped, 1);
  assert.equal(r.cancelled, false);
  assert.deepEqual(progress, [1, 2, 3, 4]);
});

test('scan: the analyzer settings apply (disabled rules, frameworks)', async () => {
  const off = await scanFiles([file('/w/a.py', BAD)], { analyze: { disabledRules: ['VI001'] } });
  assert.equal(off.files.length, 0);
  const noNumpy = await scanFiles([file('/w/a.py', BAD)], { analyze: { frameworks: ['pytorch'] } });
  assert.equal(noNumpy.files.length, 0);
});

test('scan: cancellation stops before the next file and reports what was done', async () => {
  const files = Array.from({ length: 100 }, (_, i) => file(`/w/f${String(i).padStart(3, '0')}.py`, BAD));
  let done = 0;
  const r = await scanFiles(files, { onProgress: (d) => { done = d; }, isCancelled: () => done >= 10 });
  assert.equal(r.cancelled, true);
  assert.equal(r.scanned, 10);
  assert.equal(r.files.length, 10);
  assert.equal((await scanFiles([], { isCancelled: () => true })).cancelled, true, 'cancelled before the file search finished: still reported');
});

test('scan: yields to the event loop while analyzing', async () => {
  const files = Array.from({ length: 200 }, (_, i) => file(`/w/f${i}.py`, BAD.repeat(20)));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  await scanFiles(files, { sliceMs: 2 });
  clearInterval(timer);
  assert.ok(ticks > 3, `timers ran ${ticks} times during the scan`);
});

test('replaceFile updates one file after a save', () => {
  const f = { path: '/w/b.py', findings: [] };
  const files = [{ path: '/w/a.py', findings: [] }, f];
  assert.deepEqual(replaceFile(files, '/w/b.py', []).map((x) => x.path), ['/w/a.py']);
  assert.deepEqual(replaceFile(files, '/w/0.py', [{ range: { start: { line: 0, character: 0 } } } as never]).map((x) => x.path), ['/w/0.py', '/w/a.py', '/w/b.py']);
});

test('no workspace folder: nothing to scan is an empty, complete result (the view then shows its "Open a folder" welcome)', async () => {
  const r = await scanFiles([]);
  assert.deepEqual(r, { files: [], scanned: 0, skipped: 0, cancelled: false });
  assert.equal(new ExcludeMatcher(undefined, []).matches('model.py'), false);
});

test('scan: analysis can be handed to a worker; a file whose analysis fails is skipped, not fatal', async () => {
  const seen: string[] = [];
  const r = await scanFiles([file('/w/a.py', BAD), file('/w/b.py', BAD), file('/w/c.py', GOOD)], {
    analyzeFile: async (path, text, options) => {
      seen.push(path);
      if (path === '/w/b.py') throw new Error('the analyzer took longer than 30000 ms');
      const { analyzeFile } = await import('../../../src/core/analyzer/index');
      return analyzeFile(path, text, options);
    },
  });
  assert.deepEqual(seen, ['/w/a.py', '/w/b.py', '/w/c.py']);
  assert.deepEqual(r.files.map((f) => f.path), ['/w/a.py']);
  assert.equal(r.scanned, 2);
  assert.equal(r.skipped, 1);
});
