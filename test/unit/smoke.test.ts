import { test } from 'node:test';
import assert from 'node:assert/strict';

test('unit runner loads TypeScript', () => {
  const x: number = 1 + 1;
  assert.equal(x, 2);
});
