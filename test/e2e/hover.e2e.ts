import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Workbench } from '../harness/workbench';
import { openSampleWorkspace, panelFrame, screenshot } from './workbench';

let workbench: Workbench;

before(async () => {
  workbench = await openSampleWorkspace('e2e-hover');
});

after(async () => {
  await workbench?.stop();
});

/** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
async function quickOpen(page: Page, name: string): Promise<void> {
  await page.locator('.statusbar').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
}

test('hovering the flagged np.zeros call in model.py shows the warning; its Visualize link opens the panel', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  await quickOpen(page, 'model.py');
  // The diagnostic's squiggle marks the initializer call once the analysis ran.
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
  await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Visualize this initializer' });
  // Tokens re-render once the grammar loads, which can swallow the first hover: retry a few times.
  for (let attempt = 0; ; attempt++) {
    const box = await squiggle.boundingBox();
    assert.ok(box, 'the squiggle has a position on screen');
    // The squiggle's box spans the text line: move into it in a few steps, as a real pointer does.
    await page.mouse.move(box.x + box.width / 2 - 10, box.y + box.height / 2 - 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    try {
      await hover.waitFor({ timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 3) {
        await screenshot(page, 'hover-failed');
        throw err;
      }
      await page.mouse.move(0, 0);
    }
  }
  const text = await hover.innerText();
  assert.match(text, /All 128 units of this 784x128 layer start identical/);
  assert.match(text, /VI001/);
  assert.match(text, /Visualize this initializer/);
  await screenshot(page, 'hover');
  // The link runs our (trusted) command: the panel opens.
  await hover.getByRole('link', { name: /Visualize this initializer/ }).click();
  await page.locator('.tabs-container .tab', { hasText: 'Visualize Init' }).waitFor({ timeout: 30_000 });
  // The screenshot shows the panel itself, not the empty frame before the webview has loaded.
  await panelFrame(page).locator('#status', { hasText: 'Connected to the extension host' }).waitFor({ timeout: 30_000 });
  await screenshot(page, 'hover-link-opened-panel');
});
