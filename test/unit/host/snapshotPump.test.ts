import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SnapshotPump } from '../../../src/host/training/snapshotPump';

/** A fake webview whose deliveries complete only when the test says so. */
function slowWebview() {
  const sent: string[] = [];
  const pending: Array<() => void> = [];
  const post = (m: string) => {
    sent.push(m);
    return new Promise<boolean>((resolve) => pending.push(() => resolve(true)));
  };
  const deliverAll = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { sent, post, deliverAll };
}

test('never more than one undelivered snapshot per run; the latest wins', async () => {
  const web = slowWebview();
  const pump = new SnapshotPump<string>(web.post);
  for (let i = 1; i <= 100; i++) pump.offer(0, `a${i}`);
  assert.deepEqual(web.sent, ['a1'], 'only the first goes out while it is in flight');
  await web.deliverAll();
  assert.deepEqual(web.sent, ['a1', 'a100'], 'then only the newest');
  assert.equal(pump.dropped, 98);
});

test('runs are independent', async () => {
  const web = slowWebview();
  const pump = new SnapshotPump<string>(web.post);
  pump.offer(0, 'a1');
  pump.offer(1, 'b1');
  pump.offer(0, 'a2');
  assert.deepEqual(web.sent, ['a1', 'b1']);
  await web.deliverAll();
  assert.deepEqual(web.sent, ['a1', 'b1', 'a2']);
});

test('a hidden view receives nothing, then only the latest when shown again', async () => {
  const web = slowWebview();
  const pump = new SnapshotPump<string>(web.post);
  pump.setVisible(false);
  for (let i = 1; i <= 10; i++) pump.offer(0, `a${i}`);
  assert.deepEqual(web.sent, []);
  pump.setVisible(true);
  assert.deepEqual(web.sent, ['a10']);
  await web.deliverAll();
  assert.deepEqual(web.sent, ['a10']);
});

test('a failed delivery does not block later snapshots', async () => {
  const sent: string[] = [];
  const pump = new SnapshotPump<string>((m) => {
    sent.push(m);
    return Promise.reject(new Error('webview gone'));
  });
  pump.offer(0, 'a1');
  await new Promise((r) => setImmediate(r));
  pump.offer(0, 'a2');
  assert.deepEqual(sent, ['a1', 'a2']);
});

/** A clock the test moves by hand, with the pump's one timer. */
function fakeClock() {
  let now = 0;
  let timer: { at: number; callback: () => void } | undefined;
  const clock = {
    now: () => now,
    setTimeout: (callback: () => void, ms: number) => (timer = { at: now + ms, callback }),
    clearTimeout: (handle: unknown) => {
      if (handle === timer) timer = undefined;
    },
  };
  const advance = (ms: number) => {
    now += ms;
    if (timer && timer.at <= now) {
      const t = timer;
      timer = undefined;
      t.callback();
    }
  };
  return { clock, advance, pending: () => timer !== undefined };
}

/** A webview that takes every message at once. */
function fastWebview() {
  const sent: string[] = [];
  return { sent, post: (m: string) => (sent.push(m), Promise.resolve(true)) };
}

const tick = () => new Promise((r) => setImmediate(r));

/** A pump of 1,000-byte snapshots with a budget of 4,000 bytes/s (one every 250 ms) on a fake clock. */
function budgetedPump() {
  const web = fastWebview();
  const time = fakeClock();
  const pump = new SnapshotPump<string>(web.post, { size: () => 1000, bytesPerSecond: 4000, clock: time.clock });
  return { web, time, pump };
}

test('a byte budget spaces big snapshots out; the latest waiting one goes when the budget allows', async () => {
  const { web, time, pump } = budgetedPump();
  pump.offer(0, 'a1');
  await tick();
  for (let i = 2; i <= 5; i++) pump.offer(0, `a${i}`);
  await tick();
  assert.deepEqual(web.sent, ['a1'], 'delivered at once, yet the next waits for the budget');
  time.advance(249);
  await tick();
  assert.deepEqual(web.sent, ['a1']);
  time.advance(1);
  await tick();
  assert.deepEqual(web.sent, ['a1', 'a5'], 'then only the newest, never a queue');
  assert.equal(pump.dropped, 3);
});

test('small snapshots are not held back by the byte budget', async () => {
  const web = fastWebview();
  const time = fakeClock();
  const pump = new SnapshotPump<string>(web.post, { size: () => 100, bytesPerSecond: 4 * 1024 * 1024, clock: time.clock });
  for (let i = 1; i <= 30; i++) {
    pump.offer(0, `a${i}`);
    await tick();
    time.advance(33);
  }
  assert.equal(web.sent.length, 30);
});

test('the byte budget is shared by the runs of one view', async () => {
  const { web, time, pump } = budgetedPump();
  pump.offer(0, 'a1');
  pump.offer(1, 'b1');
  await tick();
  assert.deepEqual(web.sent, ['a1']);
  time.advance(250);
  await tick();
  assert.deepEqual(web.sent, ['a1', 'b1']);
});

test('with a byte budget a hidden view still gets nothing, and a disposed pump sends nothing more', async () => {
  const { web, time, pump } = budgetedPump();
  pump.offer(0, 'a1');
  await tick();
  pump.offer(0, 'a2');
  pump.setVisible(false);
  time.advance(300);
  await tick();
  assert.deepEqual(web.sent, ['a1'], 'the budget allowed it, but the view is hidden');
  pump.setVisible(true);
  await tick();
  assert.deepEqual(web.sent, ['a1', 'a2']);
  pump.offer(0, 'a3');
  assert.ok(time.pending(), 'a3 waits for the budget');
  pump.dispose();
  assert.ok(!time.pending(), 'dispose cancels the timer');
  time.advance(1000);
  await tick();
  assert.deepEqual(web.sent, ['a1', 'a2']);
});
