// Takes the walkthrough's images: real screenshots of the extension in the real workbench
// (code-server + chromium, as the e2e tests drive it), written to media/walkthrough/*.png.
// Run after `npm run build`: node --import tsx scripts/screenshots.ts
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { root } from '../test/harness/codeServer';
import { choosePreset } from '../test/e2e/panelSteps';
import { openSampleWorkspace, panelFrame, runFromPalette } from '../test/e2e/workbench';
import { openContainer, trainingFrame } from '../test/e2e/viewSteps';

const out = join(root, 'media', 'walkthrough');

/** Saves the part of the page a walkthrough step is about. */
async function shot(page: Page, name: string, clip = { x: 0, y: 0, width: 1400, height: 900 }): Promise<void> {
  const path = join(out, `${name}.png`);
  await page.screenshot({ path, clip });
  console.log(`wrote ${path}`);
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const workbench = await openSampleWorkspace('screenshots', 'Default Dark Modern');
  const { page } = workbench;
  try {
    // 1. The sample file with the classic mistake.
    await runFromPalette(page, 'Visualize Init: Open Sample with Constant Initialization');
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor({ timeout: 30_000 });
    const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ timeout: 60_000 });
    await page.mouse.move(900, 700);
    await page.waitForTimeout(500);
    await shot(page, '1-sample', { x: 0, y: 0, width: 1100, height: 560 });

    // 2. The warning: hover the initializer.
    for (let attempt = 0; attempt < 3; attempt++) {
      // The squiggle sits under the text layer: move the mouse to its middle instead of hovering it.
      const box = await squiggle.boundingBox();
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      try {
        await page.locator('.monaco-hover', { hasText: 'VI001' }).first().waitFor({ timeout: 5_000 });
        break;
      } catch {
        await page.mouse.move(900, 700);
      }
    }
    await page.waitForTimeout(500);
    await shot(page, '2-warning', { x: 0, y: 0, width: 1100, height: 560 });

    // 3. Visualize it: the hover's link opens the panel with this initializer next to a random one.
    await page.locator('.monaco-hover a', { hasText: 'Visualize this initializer' }).first().click();
    await page.locator('.tabs-container .tab', { hasText: 'Visualize Init' }).waitFor({ timeout: 30_000 });
    const frame = panelFrame(page);
    await frame.locator('#status', { hasText: 'Connected to the extension host' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(5_000);
    await shot(page, '3-visualize');

    // 4. Compare constant with He init, with the Training view beside the panel.
    await choosePreset(frame, 'Constant 0.5 vs He normal');
    await openContainer(page);
    const view = await trainingFrame(page);
    await view.locator('.run-1 .distinct[data-layer="0"]', { hasText: 'distinct units 16 of 16' }).waitFor({ timeout: 60_000 });
    await page.mouse.move(700, 880);
    await page.waitForTimeout(4_000);
    await shot(page, '4-compare');
  } catch (err) {
    await page.screenshot({ path: join(root, 'test-results', 'screenshots-failure.png') }).catch(() => undefined);
    throw err;
  } finally {
    await workbench.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
