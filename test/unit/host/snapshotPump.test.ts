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
