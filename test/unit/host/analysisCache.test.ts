import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisCache } from '../../../src/host/language/analysisCache';

interface Result {
  version: number;
  failed?: boolean;
}

/** A fake analyzer: counts starts and lets the test finish each analysis when it wants. */
function analyzer() {
  const started: Array<{ version: number; finish: (r: Result) => void; fail: (e: Error) => void }> = [];
  const start = (version: number) => () => new Promise<Result>((finish, fail) => started.push({ version, finish, fail }));
  return { started, start };
}

const tick = () => new Promise((r) => setImmediate(r));

test('callers of the same version share the one analysis in flight, and its result afterwards', async () => {
  const cache = new AnalysisCache<Result>((r) => r.failed === true);
  const a = analyzer();
  const diagnostics = cache.get('file:///m.py', 'v2', a.start(2));
  const hover = cache.get('file:///m.py', 'v2', a.start(2));
  const quickFix = cache.peek('file:///m.py', 'v2');
  assert.equal(a.started.length, 1);
  assert.equal(hover, diagnostics);
  assert.equal(quickFix, diagnostics);
  a.started[0].finish({ version: 2 });
  assert.deepEqual(await hover, { version: 2 });
  assert.deepEqual(await cache.get('file:///m.py', 'v2', a.start(2)), { version: 2 });
  assert.equal(a.started.length, 1, 'a finished analysis of the same version is reused');
});

test('a new version starts a new analysis and the older one is never handed out again', async () => {
  const cache = new AnalysisCache<Result>();
  const a = analyzer();
  const old = cache.get('k', 'v1', a.start(1));
  const fresh = cache.get('k', 'v2', a.start(2));
  assert.equal(a.started.length, 2);
  assert.notEqual(fresh, old);
  assert.equal(cache.peek('k', 'v1'), undefined);
  // The older analysis finishing last does not bring it back.
  a.started[1].finish({ version: 2 });
  a.started[0].finish({ version: 1 });
  await old;
  await tick();
  assert.equal(cache.peek('k', 'v1'), undefined);
  assert.deepEqual(await cache.peek('k', 'v2'), { version: 2 });
});

test('peek never starts an analysis; targets are independent', () => {
  const cache = new AnalysisCache<Result>();
  const a = analyzer();
  assert.equal(cache.peek('k', 'v1'), undefined);
  cache.get('a.py', 'v1', a.start(1));
  cache.get('b.py', 'v1', a.start(1));
  assert.equal(a.started.length, 2);
  assert.equal(cache.peek('k', 'v1'), undefined);
});

test('a failed or rejected analysis is forgotten so the next request retries; delete forgets a target', async () => {
  const cache = new AnalysisCache<Result>((r) => r.failed === true);
  const a = analyzer();
  const first = cache.get('k', 'v1', a.start(1));
  a.started[0].finish({ version: 1, failed: true });
  await first;
  await tick();
  assert.equal(cache.peek('k', 'v1'), undefined);
  const second = cache.get('k', 'v1', a.start(1));
  assert.equal(a.started.length, 2);
  a.started[1].fail(new Error('worker crashed'));
  await assert.rejects(second, /worker crashed/);
  await tick();
  assert.equal(cache.peek('k', 'v1'), undefined);
  cache.get('k', 'v1', a.start(1));
  assert.equal(a.started.length, 3);
  cache.delete('k');
  assert.equal(cache.peek('k', 'v1'), undefined);
});
