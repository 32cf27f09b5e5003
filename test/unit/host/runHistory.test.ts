import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HISTORY_VERSION, RunHistory, configSummary, outcomeSummary, parseHistory, type HistoryStore, type Wording } from '../../../src/host/views/runHistory';
import type { RunRecord } from '../../../src/host/training/trainingSession';
import { presetById } from '../../../src/shared/presets';

function memoryStore(initial?: unknown): HistoryStore & { value: unknown; writes: number } {
  const s = { value: initial, writes: 0, get: () => s.value, set: (v: unknown) => { s.value = JSON.parse(JSON.stringify(v)); s.writes++; } };
  return s;
}

function records(presetId: string): RunRecord[] {
  return presetById(presetId)!.runs().map((spec) => ({ spec, state: 'paused', step: 0 }));
}

function withMetrics(r: RunRecord, step: number, loss: number, distinct: number[]): RunRecord {
  const layers = distinct.map((k) => ({ symmetry: { distinctUnits: k } }));
  return { ...r, step, state: 'running', metrics: { step, trainLoss: loss, testAccuracy: 0.5, layers } as unknown as RunRecord['metrics'] };
}

test('a started run becomes an entry, progress updates it, the end stamps it', () => {
  const store = memoryStore();
  let t = 1000;
  const h = new RunHistory(store, { now: () => t, saveDelayMs: 5 });
  const runs = records('constant05');
  h.onSessionChange({ kind: 'started', runs });
  assert.equal(h.list.length, 1);
  assert.equal(h.list[0].label, 'constant 0.5');
  assert.deepEqual(h.liveIds, [h.list[0].id]);
  h.onSessionChange({ kind: 'updated', runs: [withMetrics(runs[0], 40, 0.69, [1, 1, 1])] });
  assert.equal(h.list[0].outcome.steps, 40);
  assert.deepEqual(h.list[0].outcome.distinct, [{ k: 1, n: 16 }, { k: 1, n: 16 }, { k: 1, n: 1 }]);
  t = 2000;
  h.onSessionChange({ kind: 'ended', runs: [withMetrics(runs[0], 50, 0.68, [1, 1, 1])] });
  assert.equal(h.list[0].endedAt, 2000);
  assert.equal(h.list[0].outcome.finalLoss, 0.68);
  assert.deepEqual(h.liveIds, []);
  // Persisted: a new history over the same store reads it back.
  const again = new RunHistory(store);
  assert.equal(again.list.length, 1);
  assert.equal(again.list[0].outcome.steps, 50);
});

test('lockstep pairs are partners; newest first', () => {
  const h = new RunHistory(memoryStore());
  h.onSessionChange({ kind: 'started', runs: records('constant05') });
  h.onSessionChange({ kind: 'ended', runs: records('constant05') });
  h.onSessionChange({ kind: 'started', runs: records('compare') });
  const [a, b, c] = h.list;
  assert.equal(a.spec.label, 'constant 0.5');
  assert.equal(b.spec.label, 'He normal');
  assert.equal(a.partnerId, b.id);
  assert.equal(b.partnerId, a.id);
  assert.equal(c.partnerId, undefined);
});

test('bounded: the oldest entries are dropped, in memory and in the store', () => {
  const store = memoryStore();
  const h = new RunHistory(store, { max: 5 });
  for (let i = 0; i < 12; i++) {
    h.onSessionChange({ kind: 'started', runs: records('heNormal') });
    h.rename(h.list[0].id, `run ${i}`);
    h.onSessionChange({ kind: 'ended', runs: records('heNormal') });
  }
  assert.deepEqual(h.list.map((e) => e.label), ['run 11', 'run 10', 'run 9', 'run 8', 'run 7']);
  assert.equal((store.value as { entries: unknown[] }).entries.length, 5);
  assert.equal(new RunHistory(store, { max: 3 }).list.length, 3, 'a smaller bound also applies on load');
});

test('rename and delete; deleting one of a pair unlinks the other', () => {
  const h = new RunHistory(memoryStore());
  h.onSessionChange({ kind: 'started', runs: records('compare') });
  const [a, b] = h.list;
  assert.equal(h.rename(a.id, '  mine  '), true);
  assert.equal(h.get(a.id)?.label, 'mine');
  assert.equal(h.rename(a.id, '   '), false);
  assert.equal(h.rename('nope', 'x'), false);
  h.remove([a.id]);
  assert.equal(h.list.length, 1);
  assert.equal(h.get(b.id)?.partnerId, undefined);
  assert.deepEqual(h.liveIds, [b.id]);
  h.clear();
  assert.equal(h.list.length, 0);
});

test('loading is lazy and survives garbage in the store', () => {
  let reads = 0;
  const store: HistoryStore = { get: () => { reads++; return { version: HISTORY_VERSION, entries: [42, { id: 'x' }, null, { id: 'ok', label: 'ok', startedAt: 1, spec: { label: 'l', config: { layers: [] } }, outcome: { steps: 3, distinct: [{ k: 1, n: 2 }, 'bad'] } }] }; }, set: () => undefined };
  const h = new RunHistory(store);
  assert.equal(reads, 0, 'constructing does not read the store');
  assert.equal(h.list.length, 1);
  assert.deepEqual(h.list[0].outcome.distinct, [{ k: 1, n: 2 }]);
  assert.deepEqual(parseHistory({ version: 999, entries: [] }), []);
  assert.deepEqual(parseHistory('nonsense'), []);
  const throwing = new RunHistory({ get: () => { throw new Error('boom'); }, set: () => undefined }, { onError: () => undefined });
  assert.deepEqual(throwing.list, []);
});

test('progress writes are coalesced', async () => {
  const store = memoryStore();
  const h = new RunHistory(store, { saveDelayMs: 20 });
  const runs = records('constant05');
  h.onSessionChange({ kind: 'started', runs });
  const after = store.writes;
  for (let i = 1; i <= 50; i++) h.onSessionChange({ kind: 'updated', runs: [withMetrics(runs[0], i, 0.7, [1, 1, 1])] });
  assert.equal(store.writes, after, 'no write per update');
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(store.writes, after + 1);
  h.dispose();
});

test('summaries', () => {
  assert.equal(configSummary(presetById('constant05')!.runs()[0].config), '2→16→16→1 tanh · constant 0.5 · sgd lr 0.3 · circles');
  assert.equal(outcomeSummary({ steps: 10, finalLoss: 0.6931, distinct: [{ k: 1, n: 16 }] }), 'loss 0.693 · distinct 1/16 · 10 steps');
  assert.equal(outcomeSummary({ steps: 40, divergedAt: 40, distinct: [] }), 'diverged at step 40 · 40 steps');
  assert.equal(outcomeSummary({ steps: 12345, finalLoss: 0.6931, distinct: [] }), 'loss 0.693 · 12,345 steps');
});

test('outcome summaries are worded through l10n and write numbers the way the display language does', () => {
  const asked: string[] = [];
  const german: Wording = { l10n: { t: (m, ...a) => (asked.push(m), `[${m}|${a.join('|')}]`) }, env: { language: 'de' } };
  assert.equal(outcomeSummary({ steps: 12345, finalLoss: 0.6931, distinct: [{ k: 1, n: 16 }] }, german), '[loss {0}|0,693] · [distinct {0}|1/16] · [{0} steps|12.345]');
  assert.equal(outcomeSummary({ steps: 40000, divergedAt: 39999, distinct: [] }, german), '[diverged at step {0}|39.999] · [{0} steps|40.000]');
  assert.deepEqual(asked, ['loss {0}', 'distinct {0}', '{0} steps', 'diverged at step {0}', '{0} steps']);
});
