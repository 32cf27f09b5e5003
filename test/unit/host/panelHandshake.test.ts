import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PanelHandshake, compareProtocol } from '../../../src/host/panel/handshake';
import { PANEL_PROTOCOL_VERSION, parseFromPanel } from '../../../src/shared/panelProtocol';

test('compareProtocol: same, or which side is older', () => {
  assert.equal(compareProtocol(3, 3), 'same');
  assert.equal(compareProtocol(2, 3), 'older');
  assert.equal(compareProtocol(4, 3), 'newer');
});

test('a webview of this build: ready, torn down while hidden, ready again', () => {
  const h = new PanelHandshake(PANEL_PROTOCOL_VERSION);
  assert.equal(h.isReady, false);
  assert.equal(h.incompatible, false);
  const parsed = parseFromPanel({ type: 'ready', protocolVersion: PANEL_PROTOCOL_VERSION });
  assert.ok(parsed.ok && parsed.message.type === 'ready');
  assert.equal(h.ready(parsed.message.protocolVersion), 'same');
  assert.equal(h.isReady, true);
  h.lost();
  assert.equal(h.isReady, false);
  assert.equal(h.incompatible, false);
  assert.equal(h.ready(PANEL_PROTOCOL_VERSION), 'same');
  assert.equal(h.isReady, true);
});

test('a webview of an older or newer build makes the panel incompatible for good: never ready again', () => {
  for (const theirs of [PANEL_PROTOCOL_VERSION - 1, PANEL_PROTOCOL_VERSION + 1]) {
    const h = new PanelHandshake(PANEL_PROTOCOL_VERSION);
    assert.equal(h.ready(theirs), theirs < PANEL_PROTOCOL_VERSION ? 'older' : 'newer');
    assert.equal(h.incompatible, true);
    assert.equal(h.isReady, false);
    // Whatever it says next (a replay, a retry with our number), nothing is sent to it any more.
    h.ready(PANEL_PROTOCOL_VERSION);
    h.lost();
    assert.equal(h.incompatible, true);
    assert.equal(h.isReady, false);
  }
});

test('a mismatch after a good handshake (the webview reloaded from another build) also ends the conversation', () => {
  const h = new PanelHandshake(3);
  h.ready(3);
  h.lost();
  assert.equal(h.ready(2), 'older');
  assert.equal(h.incompatible, true);
  assert.equal(h.isReady, false);
});
