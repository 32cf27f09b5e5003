// Steps shared by the side views' end-to-end tests and the walkthrough screenshot script: open the
// activity-bar container, find a view's pane, its tree rows and the Training view's webview.
import type { Frame, Locator, Page } from 'playwright-core';

/** Opens the Visualize Init container from the activity bar and waits for its three view headers. */
export async function openContainer(page: Page): Promise<void> {
  const icon = page.locator('.activitybar .action-item a[aria-label^="Visualize Init"]').first();
  await icon.waitFor({ timeout: 60_000 });
  if (!(await page.locator('.sidebar .pane-header', { hasText: 'Runs' }).isVisible())) await icon.click();
  for (const name of ['Training', 'Runs', 'Initializer Findings']) await paneHeader(page, name).waitFor({ timeout: 30_000 });
}

/** The header of the side-bar view called `name`. */
export function paneHeader(page: Page, name: string): Locator {
  return page.locator('.sidebar .pane-header').filter({ has: page.locator('h3.title', { hasText: new RegExp(`^${name}$`, 'i') }) });
}

/** The pane (header + body) of the side-bar view called `name`. */
export function pane(page: Page, name: string): Locator {
  return page.locator('.sidebar .pane').filter({ has: page.locator('.pane-header h3.title', { hasText: new RegExp(`^${name}$`, 'i') }) });
}

/** Expands a collapsed view. */
export async function expandPane(page: Page, name: string): Promise<void> {
  const header = paneHeader(page, name);
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
}

/** Rows of a tree view whose accessible label matches `label`. */
export function treeRows(page: Page, view: string, label: RegExp | string): Locator {
  return pane(page, view).locator('.monaco-list-row').filter({ hasText: label });
}

/** The Training view's document (the frame holding #stats), once its script runs. */
export async function trainingFrame(page: Page, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) {
      if (await f.locator('#stats').count().catch(() => 0)) return f;
    }
    if (Date.now() > deadline) throw new Error('the Training view webview never loaded');
    await page.waitForTimeout(250);
  }
}

/** The step count the Training view shows (0 when nothing runs). */
export async function trainingStep(frame: Frame): Promise<number> {
  return Number((await frame.locator('#stats').getAttribute('data-step')) ?? 0) || 0;
}
