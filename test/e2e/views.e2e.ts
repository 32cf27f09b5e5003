import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Workbench } from '../harness/workbench';
import { openSampleWorkspace, screenshot } from './workbench';
import { expandPane, openContainer, pane, trainingFrame, trainingStep, treeRows } from './viewSteps';

let workbench: Workbench;

before(async () => {
  workbench = await openSampleWorkspace('e2e-views', 'Default Dark Modern');
});

after(async () => {
  await workbench?.stop();
});

test('the activity-bar container shows Training, Runs and Initializer Findings', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  await openContainer(page);
  const frame = await trainingFrame(page);
  await frame.locator('#empty', { hasText: 'Nothing is training' }).waitFor({ timeout: 20_000 });
  await pane(page, 'Runs').locator('.welcome-view-content', { hasText: 'No runs yet' }).waitFor({ timeout: 20_000 });
  await screenshot(page, 'views-dark-empty');
});

test('the Findings tree lists the fixture findings; clicking one opens the file at its line', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  await expandPane(page, 'Initializer Findings');
  const file = treeRows(page, 'Initializer Findings', /^model\.py/);
  await file.first().waitFor({ timeout: 30_000 });
  const finding = treeRows(page, 'Initializer Findings', /VI001 W1: All 128 units/);
  await finding.first().waitFor({ timeout: 10_000 });
  assert.match((await finding.first().textContent()) ?? '', /line 5/);
  await finding.first().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'model.py' }).waitFor({ timeout: 20_000 });
  await page.locator('.statusbar-item', { hasText: /Ln 5, Col \d+/ }).first().waitFor({ timeout: 10_000 });
  await screenshot(page, 'views-dark-findings');
});

test('Play in the Training view trains the default comparison: numbers update, Runs gains the runs, status bar shows it', { timeout: 180_000 }, async () => {
  const { page } = workbench;
  const frame = await trainingFrame(page);
  await frame.locator('#play').click();
  await frame.locator('.run-1').waitFor({ timeout: 20_000 });
  const deadline = Date.now() + 60_000;
  let first = 0;
  while ((first = await trainingStep(frame)) < 20) {
    if (Date.now() > deadline) throw new Error(`the Training view stayed at step ${first}`);
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(1000);
  assert.ok((await trainingStep(frame)) > first, 'the step count keeps growing');
  await frame.locator('.run-0 .distinct[data-layer="0"]', { hasText: 'distinct units 1 of 16' }).waitFor({ timeout: 20_000 });
  await frame.locator('.run-1 .distinct[data-layer="0"]', { hasText: 'distinct units 16 of 16' }).waitFor({ timeout: 20_000 });
  assert.match((await frame.locator('.run-0 .loss').textContent()) ?? '', /^loss \d+\.\d{3}$/);
  await page.locator('.statusbar-item', { hasText: /Training 2 runs: step [\d,]+/ }).first().waitFor({ timeout: 20_000 });
  await treeRows(page, 'Runs', /^constant 0\.5/).first().waitFor({ timeout: 20_000 });
  await treeRows(page, 'Runs', /^He normal/).first().waitFor({ timeout: 20_000 });
  await screenshot(page, 'views-dark-training');
  // Pause from the view: the status bar item goes away.
  await frame.locator('#play', { hasText: 'Pause' }).click();
  await frame.locator('#play', { hasText: 'Play' }).waitFor({ timeout: 20_000 });
  await page.locator('.statusbar-item', { hasText: /Training 2 runs/ }).first().waitFor({ state: 'hidden', timeout: 20_000 });
});

test('light theme: the views read well', { timeout: 180_000 }, async () => {
  await workbench.stop();
  workbench = await openSampleWorkspace('e2e-views-light', 'Default Light Modern');
  const { page } = workbench;
  await openContainer(page);
  const frame = await trainingFrame(page);
  await frame.locator('#play').click();
  await frame.locator('.run-1 .distinct[data-layer="1"]', { hasText: /distinct units \d+ of 16/ }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500);
  await expandPane(page, 'Initializer Findings');
  await treeRows(page, 'Initializer Findings', /^model\.py/).first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'views-light');
});
