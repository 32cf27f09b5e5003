import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { Workbench } from '../harness/workbench';
import { PANEL_PROTOCOL_VERSION } from '../../src/shared/panelProtocol';
import { presetById } from '../../src/shared/presets';
import { colourBars, decodePng } from './png';
import { choosePreset, distinctText, exportFolder, exportVia, exportedFiles, heatmapRows, openPanel, shownStep, waitForAnnounced, waitForStep } from './panelSteps';
import { artifactsDir, openSampleWorkspace as openWorkspace, screenshot } from './workbench';

let workbench: Workbench;
let frame: FrameLocator;

before(async () => {
  workbench = await openSampleWorkspace();
});

after(async () => {
  await workbench?.stop();
});

function openSampleWorkspace(): Promise<Workbench> {
  return openWorkspace('e2e-panel', 'Default Light Modern');
}

test('palette -> "Visualize Init" opens the panel and its webview talks to the host', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  frame = await openPanel(page);
  assert.equal(await frame.locator('h1').textContent(), 'Visualize Init');
  assert.match(await frame.locator('#status').textContent() ?? '', new RegExp(`protocol ${PANEL_PROTOCOL_VERSION}`));
  // The default preset trains right away: the heatmaps fill in.
  await waitForStep(page, frame, 1);
});

test('preset "Constant 0.5": one distinct unit per hidden layer, identical heatmap rows', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  await choosePreset(frame, 'Constant 0.5');
  await frame.locator('#lesson', { hasText: presetById('constant05')?.lesson ?? '' }).waitFor({ timeout: 10_000 });
  await frame.locator('.run-1').waitFor({ state: 'detached', timeout: 10_000 });
  await waitForStep(page, frame, 60);
  for (const layer of [0, 1]) {
    assert.equal(await distinctText(frame, layer), 'distinct units: 1 of 16', `layer ${layer + 1}`);
    const px = await heatmapRows(frame, layer);
    assert.equal(px.rows, 16);
    assert.equal(px.distinctRows, 1, `every pixel row of hidden layer ${layer + 1} is the same`);
  }
  assert.equal(await frame.locator('.run-0 .heatmap[data-layer="0"] .hm-grid').getAttribute('aria-label'), 'Layer 1, 16 units, 1 distinct');
  await screenshot(page, 'panel-light-constant05');
});

test('transport: pause stops the steps, Step advances exactly one', { timeout: 60_000 }, async () => {
  const { page } = workbench;
  await frame.locator('#play').click();
  await frame.locator('#play', { hasText: 'Play' }).waitFor({ timeout: 5_000 });
  await page.waitForTimeout(600);
  const paused = await shownStep(frame);
  await page.waitForTimeout(600);
  assert.equal(await shownStep(frame), paused, 'no steps while paused');
  await frame.locator('#step').click();
  await waitForStep(page, frame, paused + 1, 0, 10_000);
  await page.waitForTimeout(400);
  assert.equal(await shownStep(frame), paused + 1);
  // Keyboard: Space plays and pauses when the focus is not in a control.
  await frame.locator('#lesson').click();
  await page.keyboard.press('Space');
  await frame.locator('#play', { hasText: 'Pause' }).waitFor({ timeout: 5_000 });
  await waitForStep(page, frame, paused + 20, 0, 20_000);
});

test('preset "He normal": as many distinct units as the layer is wide', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  await choosePreset(frame, 'He normal (ReLU)');
  await frame.locator('#lesson', { hasText: presetById('heNormal')?.lesson ?? '' }).waitFor({ timeout: 10_000 });
  await waitForStep(page, frame, 60);
  for (const layer of [0, 1]) {
    assert.equal(await distinctText(frame, layer), 'distinct units: 16 of 16', `layer ${layer + 1}`);
    const px = await heatmapRows(frame, layer);
    assert.ok(px.distinctRows > 8, `hidden layer ${layer + 1} has ${px.distinctRows} different pixel rows`);
  }
  await screenshot(page, 'panel-light-he-normal');
});

test('hiding and showing the panel keeps the runs: same preset, training continues from where it was', { timeout: 90_000 }, async () => {
  const { page } = workbench;
  const before = await shownStep(frame);
  await page.locator('.statusbar').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('README.md');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'README.md' }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'README.md' }).waitFor({ timeout: 15_000 });
  await page.waitForTimeout(1000);
  await page.locator('.tabs-container .tab', { hasText: 'Visualize Init' }).click();
  await frame.locator('#status', { hasText: 'Connected to the extension host' }).waitFor({ timeout: 30_000 });
  await frame.locator('#lesson', { hasText: presetById('heNormal')?.lesson ?? '' }).waitFor({ timeout: 10_000 });
  const after = await waitForStep(page, frame, before + 1);
  assert.ok(after > before, `training went on (${before} -> ${after}) instead of restarting`);
  assert.equal(await distinctText(frame, 0), 'distinct units: 16 of 16');
});

test('reloading the window brings the panel back with the same preset, training', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.tabs-container .tab', { hasText: 'Visualize Init' }).waitFor({ timeout: 60_000 });
  await page.locator('.tabs-container .tab', { hasText: 'Visualize Init' }).click();
  await frame.locator('#status', { hasText: 'Connected to the extension host' }).waitFor({ timeout: 60_000 });
  await frame.locator('#lesson', { hasText: presetById('heNormal')?.lesson ?? '' }).waitFor({ timeout: 10_000 });
  await waitForStep(page, frame, 20);
  assert.equal(await distinctText(frame, 1), 'distinct units: 16 of 16');
  await screenshot(page, 'panel-light-after-reload');
});

/** One announced heatmap cell: "Layer 1 · unit 4 · input 2 · 0.1234" (input null = the bias). */
function parseCell(text: string): { layer: number; unit: number; input: number | null; value: number } {
  const m = /^(?:Layer (\d+)|Output layer) · unit (\d+) · (?:input (\d+)|bias) · (\S+)/.exec(text);
  assert.ok(m, `"${text}" names layer, unit, input and value`);
  return { layer: m[1] ? Number(m[1]) : 3, unit: Number(m[2]), input: m[3] ? Number(m[3]) : null, value: Number(m[4]) };
}

test('keyboard: a heatmap takes focus, arrow keys move an outlined active cell, its text is announced and equals the weights', { timeout: 90_000 }, async () => {
  const { page } = workbench;
  // Paused, so the weights announced are the weights exported afterwards.
  await frame.locator('#play').click();
  await frame.locator('#play', { hasText: 'Play' }).waitFor({ timeout: 5_000 });
  await page.waitForTimeout(800);
  // Tab from the lesson text reaches the first heatmap: it is in the tab order.
  await frame.locator('#lesson').click();
  await page.keyboard.press('Tab');
  const grid0 = frame.locator('.run-0 .heatmap[data-layer="0"] .hm-grid');
  assert.ok(await grid0.evaluate((n) => n === n.ownerDocument.activeElement), 'Tab focuses the layer 1 heatmap');
  const seen: string[] = [await waitForAnnounced(page, frame, /^Layer 1 · unit 1 · input 1 · /)];
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight']) await page.keyboard.press(key);
  seen.push(await waitForAnnounced(page, frame, /^Layer 1 · unit 4 · input 2 · /));
  assert.equal((await frame.locator('.tooltip').textContent())?.trim(), seen[1], 'the tooltip shows the announced text');
  assert.ok(await frame.locator('.tooltip').isVisible());
  // The outline sits on cell (row 4, input 2) of the 16 x 2 weight canvas.
  const box = await frame.locator('.run-0 .heatmap[data-layer="0"] canvas.hm-weights').boundingBox();
  const cursor = await frame.locator('.run-0 .heatmap[data-layer="0"] .hm-cursor').boundingBox();
  assert.ok(box && cursor, 'the active cell is outlined');
  const cx = cursor.x + cursor.width / 2, cy = cursor.y + cursor.height / 2;
  assert.ok(cx > box.x + box.width / 2 && cx < box.x + box.width, `outline centre x ${cx} in the second input column of ${JSON.stringify(box)}`);
  assert.ok(cy > box.y + (3 * box.height) / 16 && cy < box.y + (4 * box.height) / 16, `outline centre y ${cy} in the fourth row of ${JSON.stringify(box)}`);
  await screenshot(page, 'panel-light-keyboard');
  await page.keyboard.press('End');
  seen.push(await waitForAnnounced(page, frame, /^Layer 1 · unit 4 · bias · /));
  await page.keyboard.press('PageDown');
  seen.push(await waitForAnnounced(page, frame, /^Layer 1 · unit 8 · bias · /));
  await page.keyboard.press('Home');
  seen.push(await waitForAnnounced(page, frame, /^Layer 1 · unit 8 · input 1 · /));
  // Tab moves on to the next layer's heatmap.
  await page.keyboard.press('Tab');
  await waitForAnnounced(page, frame, /^Layer 2 · unit 1 · input 1 · /);
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown']) await page.keyboard.press(key);
  seen.push(await waitForAnnounced(page, frame, /^Layer 2 · unit 3 · input 6 · /));
  await page.keyboard.press('Control+End');
  seen.push(await waitForAnnounced(page, frame, /^Layer 2 · unit 16 · bias · /));
  // What the weights say: the exported JSON of the same (paused) snapshot.
  try {
    const json = JSON.parse(readFileSync(await exportVia(page, frame, '#export-json', '.json'), 'utf8')) as { runs: { layers: { cols: number; weights: number[]; biases: number[] }[] }[] };
    for (const text of seen) {
      const c = parseCell(text);
      const l = json.runs[0].layers[c.layer - 1];
      const truth = c.input === null ? l.biases[c.unit - 1] : l.weights[(c.unit - 1) * l.cols + c.input - 1];
      // Four significant digits are shown.
      assert.ok(Math.abs(c.value - truth) <= 6e-4 * Math.abs(truth) + 1e-9, `"${text}" vs the weight ${truth}`);
    }
  } finally {
    for (const f of exportedFiles('.json')) rmSync(join(exportFolder, f), { force: true });
  }
  await frame.locator('#play').click();
  await frame.locator('#play', { hasText: 'Pause' }).waitFor({ timeout: 5_000 });
});

test('export: JSON of the weights and PNG of the heatmaps are saved through the save dialog', { timeout: 90_000 }, async () => {
  const { page } = workbench;
  try {
    const json = JSON.parse(readFileSync(await exportVia(page, frame, '#export-json', '.json'), 'utf8')) as { format: string; runs: { label: string; layers: { rows: number; cols: number; weights: number[] }[] }[] };
    assert.equal(json.format, 'visualize-init-weights');
    assert.equal(json.runs[0].label, 'He normal');
    assert.equal(json.runs[0].layers[1].rows, 16);
    assert.equal(json.runs[0].layers[1].weights.length, 16 * 16);
    const pngPath = await exportVia(page, frame, '#export-png', '.png');
    mkdirSync(artifactsDir, { recursive: true });
    copyFileSync(pngPath, join(artifactsDir, 'panel-export-heatmaps.png'));
    const png = readFileSync(pngPath);
    assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
    // The image carries a colour bar (a full top-to-bottom ramp of the colormap) for every heatmap on screen.
    const heatmaps = await frame.locator('.run-0 .heatmap').count();
    assert.ok(heatmaps >= 3);
    assert.equal(colourBars(decodePng(png), 80), heatmaps, 'one colour bar per heatmap in the exported PNG');
  } finally {
    for (const f of [...exportedFiles('.json'), ...exportedFiles('.png')]) rmSync(join(exportFolder, f), { force: true });
  }
});
