// The panel in the high-contrast theme, and its recovery paths: a rejected setting and a
// diverged run each show a clear message with a "Start again" button that works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { TrainConfig } from '../../src/core/trainer/index';
import type { PanelRunSpec } from '../../src/shared/panelProtocol';
import { network } from '../../src/shared/presets';
import type { Workbench } from '../harness/workbench';
import { focusHeatmapCell, openPanel, waitForStep } from './panelSteps';
import { openSampleWorkspace, screenshot } from './workbench';

let workbench: Workbench;
let frame: FrameLocator;

before(async () => {
  workbench = await openSampleWorkspace('e2e-panel-contrast', 'Default High Contrast');
});

after(async () => {
  await workbench?.stop();
});

/** Starts runs as if configured in the settings (through the panel's test hook and the real host). */
async function load(runs: PanelRunSpec[]): Promise<void> {
  await frame.locator('body').evaluate((_b, r) => {
    (globalThis as unknown as { __visualizeInitLoad(x: unknown): void }).__visualizeInitLoad(r);
  }, runs);
}

test('high contrast: the panel trains and follows the theme', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  frame = await openPanel(page);
  await waitForStep(page, frame, 50, 0);
  const cls = await frame.locator('body').evaluate((b) => (b as unknown as { className: string }).className);
  assert.match(cls, /vscode-high-contrast/);
  await screenshot(page, 'panel-high-contrast');
});

test('high contrast: the keyboard\'s active heatmap cell is outlined in the theme\'s focus colour', { timeout: 60_000 }, async () => {
  const { page } = workbench;
  await focusHeatmapCell(page, frame);
  const cursor = frame.locator('.run-0 .heatmap[data-layer="0"] .hm-cursor');
  assert.ok(await cursor.isVisible(), 'the active cell is outlined');
  const colours = await cursor.evaluate((node) => {
    const g = globalThis as unknown as { getComputedStyle(n: unknown): { outlineColor: string; color: string }; document: { createElement(t: string): { style: { color: string }; remove(): void }; body: { append(n: unknown): void } } };
    const probe = g.document.createElement('span');
    probe.style.color = 'var(--vscode-focusBorder)';
    g.document.body.append(probe);
    const focus = g.getComputedStyle(probe).color;
    probe.remove();
    return { outline: g.getComputedStyle(node).outlineColor, focus };
  });
  assert.notEqual(colours.focus, 'rgba(0, 0, 0, 0)', 'the high-contrast theme defines a focus colour');
  assert.equal(colours.outline, colours.focus, 'the outline uses the focus colour');
  await screenshot(page, 'panel-high-contrast-keyboard');
});

test('a setting the trainer rejects shows which one, and "Start again" recovers', { timeout: 60_000 }, async () => {
  const { page } = workbench;
  const bad = network({ weightInit: { kind: 'constant', value: 0.5 } });
  bad.layers[bad.layers.length - 1].units = 3;
  await load([{ label: 'bad output width', config: bad }]);
  const banner = frame.locator('#banner');
  await banner.filter({ hasText: 'layers[2].units' }).waitFor({ timeout: 15_000 });
  await screenshot(page, 'panel-high-contrast-error');
  await frame.locator('#start-again').click();
  await banner.waitFor({ state: 'hidden', timeout: 10_000 });
  await waitForStep(page, frame, 10, 0);
});

test('a diverged run says so, and "Start again" restarts it', { timeout: 60_000 }, async () => {
  const { page } = workbench;
  const wild = { kind: 'normal' as const, mean: 0, std: 30 };
  const config: TrainConfig = {
    dataset: { name: 'regression', samples: 400, noise: 0.1, testFraction: 0.2 },
    layers: [
      { units: 16, activation: 'relu', weightInit: wild, biasInit: { kind: 'zeros' } },
      { units: 16, activation: 'relu', weightInit: wild, biasInit: { kind: 'zeros' } },
      { units: 1, activation: 'linear', weightInit: wild, biasInit: { kind: 'zeros' } },
    ],
    loss: 'mse', optimizer: { kind: 'sgd', lr: 10 }, batchSize: 32, seed: 1, dataSeed: 1,
  };
  await load([{ label: 'exploding', config }]);
  const banner = frame.locator('#banner');
  await banner.filter({ hasText: /diverged at step \d+/ }).waitFor({ timeout: 20_000 });
  assert.match(await frame.locator('#play').textContent() ?? '', /Play/);
  await screenshot(page, 'panel-high-contrast-diverged');
  // The same config diverges again within moments, so watch for the banner going away at any time.
  const restarted = await banner.evaluate((node) => new Promise<boolean>((resolve) => {
    type El = { hidden: boolean; click(): void };
    const b = node as unknown as El;
    const g = globalThis as unknown as {
      MutationObserver: new (cb: () => void) => { observe(n: unknown, o: unknown): void; disconnect(): void };
      document: { querySelector(s: string): El | null };
      setTimeout(f: () => void, ms: number): void;
    };
    const mo = new g.MutationObserver(() => {
      if (b.hidden) { mo.disconnect(); resolve(true); }
    });
    mo.observe(node, { attributes: true });
    g.document.querySelector('#start-again')?.click();
    g.setTimeout(() => { mo.disconnect(); resolve(false); }, 10_000);
  }));
  assert.ok(restarted, '"Start again" cleared the message and restarted the run');
});
