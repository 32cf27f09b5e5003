/// <reference lib="dom" />
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Workbench } from '../harness/workbench';
import { choosePreset, openPanel, waitForStep } from './panelSteps';
import { openContainer, treeRows } from './viewSteps';
import { openSampleWorkspace, screenshot } from './workbench';

let workbench: Workbench;

before(async () => {
  workbench = await openSampleWorkspace('e2e-panel-follows');
});

after(async () => {
  await workbench?.stop();
});

test('an open panel follows a run started from the Runs view, without reloading its webview', { timeout: 240_000 }, async () => {
  const { page } = workbench;
  const frame = await openPanel(page);
  await choosePreset(frame, 'Constant 0.1');
  await frame.locator('.run-0 .run-label', { hasText: 'constant 0.1' }).waitFor({ timeout: 30_000 });
  await waitForStep(page, frame, 20);
  await choosePreset(frame, 'He normal (ReLU)');
  await frame.locator('.run-0 .run-label', { hasText: 'He normal' }).waitFor({ timeout: 30_000 });
  await waitForStep(page, frame, 20);
  // A marker that survives only if the webview is not torn down and rebuilt.
  await frame.locator('body').evaluate(() => { (window as unknown as { viMarker: number }).viMarker = 42; });

  await openContainer(page);
  const row = treeRows(page, 'Runs', /^constant 0\.1/).first();
  await row.waitFor({ timeout: 30_000 });
  const followed = frame.locator('.run-0 .run-label', { hasText: 'constant 0.1' });
  // The row's inline actions appear on hover; on a busy machine the first click can land before they do.
  for (let attempt = 1; ; attempt++) {
    await row.hover();
    await row.locator('.action-label[aria-label^="Open Run in Panel"]').click();
    try {
      await followed.waitFor({ timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt === 3) {
        await screenshot(page, 'panel-follows-failed');
        throw err;
      }
    }
  }
  await waitForStep(page, frame, 10);
  assert.equal(await frame.locator('body').evaluate(() => (window as unknown as { viMarker?: number }).viMarker), 42, 'the same webview, re-attached');
  assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Visualize Init' }).count(), 1);
});
