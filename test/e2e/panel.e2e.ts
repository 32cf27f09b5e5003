import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Workbench } from '../harness/workbench';
import { openSampleWorkspace, panelFrame, runFromPalette, screenshot } from './workbench';

let workbench: Workbench;

before(async () => {
  workbench = await openSampleWorkspace('e2e-panel');
});

after(async () => {
  await workbench?.stop();
});

test('palette -> "Visualize Init" opens the panel and its webview talks to the host', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  await runFromPalette(page, 'Visualize Init');
  const tab = page.locator('.tabs-container .tab', { hasText: 'Visualize Init' });
  await tab.waitFor({ timeout: 30_000 });
  const frame = panelFrame(page);
  await frame.locator('h1').waitFor({ timeout: 30_000 });
  assert.equal(await frame.locator('h1').textContent(), 'Visualize Init');
  const status = frame.locator('#status');
  await status.filter({ hasText: 'Connected to the extension host' }).waitFor({ timeout: 30_000 });
  assert.match(await status.textContent() ?? '', /protocol 1/);
  await screenshot(page, 'panel-opened');
});
