// 1,000 malformed or hostile messages, as a compromised or buggy webview could send them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/core/trainer/index';
import { ConfigError, validateConfig } from '../../../src/core/trainer/index';
import { parseFromPanel, parsePanelRequest } from '../../../src/shared/panelProtocol';
import { presetById } from '../../../src/shared/presets';

const TYPES = ['ready', 'start', 'pause', 'resume', 'reset', 'step', 'setSpeed', 'save', 'reportError', 'constructor', '__proto__', 'toString', '', 'START'];

/** A random JSON-ish value, sometimes huge, sometimes with prototype-pollution keys. */
function junk(rng: Rng, depth = 0): unknown {
  switch (rng.nextInt(12)) {
    case 0: return null;
    case 1: return rng.nextFloat() * 1e12 - 5e11;
    case 2: return [NaN, Infinity, -0, 1e308][rng.nextInt(4)];
    case 3: return 'x'.repeat(rng.nextInt(3) === 0 ? 100_000 : 5);
    case 4: return rng.nextInt(2) === 0;
    case 5: {
      if (depth > 3) return [];
      // Either one huge flat array or a short nested one (nested huge arrays would only test the test).
      return rng.nextInt(3) === 0 ? new Array(100_000).fill(0) : Array.from({ length: 3 }, () => junk(rng, depth + 1));
    }
    case 6: return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    case 7: return undefined;
    default: {
      if (depth > 3) return {};
      const o: Record<string, unknown> = {};
      for (let i = rng.nextInt(5); i > 0; i--) o[['type', 'runs', 'config', 'count', 'paused', 'format', 'data', 'label', 'stepsPerSecond', 'message'][rng.nextInt(10)]] = junk(rng, depth + 1);
      return o;
    }
  }
}

function hostileMessage(rng: Rng): unknown {
  const m = junk(rng);
  if (typeof m === 'object' && m !== null && !Array.isArray(m) && rng.nextInt(4) > 0) (m as Record<string, unknown>).type = TYPES[rng.nextInt(TYPES.length)];
  return m;
}

test('1,000 hostile messages: none throws, every accepted one is well-formed, nothing is polluted', () => {
  const rng = new Rng(20261122);
  let rejected = 0;
  for (let i = 0; i < 1000; i++) {
    const raw = hostileMessage(rng);
    const r = parseFromPanel(raw);
    if (!r.ok) {
      rejected++;
      assert.ok(r.error.length > 0 && r.error.length < 300, 'a short reason to log');
      continue;
    }
    const m = r.message;
    switch (m.type) {
      case 'step': assert.ok(Number.isInteger(m.count) && m.count >= 1); break;
      case 'start':
        // Configs pass to validateConfig, which must answer with a ConfigError, never another exception.
        for (const run of m.runs) {
          try { validateConfig(run.config); } catch (err) { assert.ok(err instanceof ConfigError, String(err)); }
        }
        break;
      default: break;
    }
    assert.doesNotThrow(() => parsePanelRequest(raw));
  }
  assert.ok(rejected > 700, `most junk is rejected (${rejected})`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
});

test('configs with absurd values are refused by field before anything is allocated', () => {
  const [spec] = presetById('heNormal')!.runs();
  const cases: Array<[unknown, string]> = [
    [{ ...spec.config, layers: [{ ...spec.config.layers[0], units: 1e9 }, ...spec.config.layers.slice(1)] }, 'layers[0].units'],
    [{ ...spec.config, optimizer: { kind: 'sgd', lr: 1e9 } }, 'optimizer.lr'],
    [{ ...spec.config, batchSize: -32 }, 'batchSize'],
    [{ ...spec.config, dataset: { ...spec.config.dataset, samples: 1e12 } }, 'dataset.samples'],
    [{ ...spec.config, layers: [{ ...spec.config.layers[0], weightInit: { kind: 'magic' } }, ...spec.config.layers.slice(1)] }, 'layers[0].weightInit.kind'],
  ];
  for (const [config, field] of cases) {
    assert.throws(() => validateConfig(config), (err: unknown) => err instanceof ConfigError && err.field === field, field);
  }
});

test('crafted start messages: hostile configs pass the envelope check but never the trainer validation', () => {
  const [spec] = presetById('heNormal')!.runs();
  const hostile: unknown[] = [
    JSON.parse(`{"dataset": ${JSON.stringify(spec.config.dataset)}, "__proto__": {"layers": []}}`),
    { ...spec.config, layers: new Array(100_000).fill(spec.config.layers[0]) },
    { ...spec.config, layers: [{ ...spec.config.layers[0], weightInit: { kind: 'explicit', values: new Array(10).fill('1') } }, ...spec.config.layers.slice(1)] },
    { ...spec.config, layers: [{ ...spec.config.layers[0], units: '16' }, ...spec.config.layers.slice(1)] },
    { ...spec.config, optimizer: { kind: 'constructor', lr: 0.1 } },
    { ...spec.config, dataset: { ...spec.config.dataset, name: '__proto__' } },
  ];
  for (const [i, config] of hostile.entries()) {
    const r = parseFromPanel({ type: 'start', paused: false, runs: [{ label: `hostile ${i}`, config }] });
    assert.ok(r.ok && r.message.type === 'start', `envelope ${i} is well-formed`);
    assert.throws(() => validateConfig(r.message.type === 'start' ? r.message.runs[0].config : null), ConfigError, `config ${i} is refused`);
  }
  assert.equal(({} as Record<string, unknown>).layers, undefined, 'Object.prototype is untouched');
});
