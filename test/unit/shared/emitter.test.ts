import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../../../src/shared/emitter';

test('listeners hear every fire in subscription order; disposing the subscription stops one listener', () => {
  const e = new Emitter<number>();
  const heard: string[] = [];
  const a = e.event((n) => heard.push(`a${n}`));
  e.event((n) => heard.push(`b${n}`));
  e.fire(1);
  a.dispose();
  e.fire(2);
  assert.deepEqual(heard, ['a1', 'b1', 'b2']);
  a.dispose(); // twice is harmless
  e.fire(3);
  assert.deepEqual(heard, ['a1', 'b1', 'b2', 'b3']);
});

test('the same function subscribed twice is one subscription', () => {
  const e = new Emitter<number>();
  let calls = 0;
  const l = (): void => {
    calls++;
  };
  const first = e.event(l);
  e.event(l);
  e.fire(0);
  assert.equal(calls, 1);
  first.dispose();
  e.fire(0);
  assert.equal(calls, 1);
});

test('a listener that throws does not stop the others, and its error goes to onListenerError', () => {
  const errors: unknown[] = [];
  const e = new Emitter<string>((err) => errors.push(err));
  const heard: string[] = [];
  const boom = new Error('boom');
  e.event(() => {
    throw boom;
  });
  e.event((s) => heard.push(s));
  e.fire('x');
  e.fire('y');
  assert.deepEqual(heard, ['x', 'y']);
  assert.deepEqual(errors, [boom, boom]);
});

test('without onListenerError a throwing listener is swallowed', () => {
  const e = new Emitter<void>();
  let later = false;
  e.event(() => {
    throw new Error('boom');
  });
  e.event(() => {
    later = true;
  });
  assert.doesNotThrow(() => e.fire());
  assert.ok(later);
});

test('a listener added or removed during a fire takes effect from the next fire', () => {
  const e = new Emitter<number>();
  const heard: string[] = [];
  let bSub = { dispose: (): void => undefined };
  e.event((n) => {
    heard.push(`a${n}`);
    if (n === 1) e.event((m) => heard.push(`c${m}`));
    if (n === 1) bSub.dispose();
  });
  bSub = e.event((n) => heard.push(`b${n}`));
  e.fire(1);
  e.fire(2);
  assert.deepEqual(heard, ['a1', 'b1', 'a2', 'c2']);
});

test('dispose removes every listener; a later subscription is still heard', () => {
  const e = new Emitter<number>();
  const heard: number[] = [];
  e.event((n) => heard.push(n));
  e.event((n) => heard.push(n * 10));
  e.dispose();
  e.fire(1);
  assert.equal(heard.length, 0);
  e.event((n) => heard.push(n));
  e.fire(2);
  assert.deepEqual(heard, [2]);
});
