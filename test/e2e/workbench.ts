// Shared steps for end-to-end tests that drive the real workbench like a user does.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { root } from '../harness/codeServer';
import { devExtension, openWorkbench, type Workbench } from '../harness/workbench';
import { installedFromEnv } from '../harness/installed';

/** Screenshots land here (git-ignored); CI keeps them as artifacts. */
export const artifactsDir = join(root, 'test-results', 'e2e');

/**
 * Opens the sample workspace in code-server with this extension loaded from the sources, or, when the
 * harness set VI_INSTALLED_EXTENSIONS_DIR, with the packed .vsix installed as a user would.
 */
export async function openSampleWorkspace(name: string, colorTheme?: string): Promise<Workbench> {
  const installed = installedFromEnv();
  const workbench = await openWorkbench({
    name,
    folder: join(root, 'test', 'fixtures', 'workspace'),
    payload: [installed ? devExtension(installed.emptyExtensionPath) : devExtension(root), ['skipWelcome', 'true']],
    extensionsDir: installed?.extensionsDir,
    colorTheme,
  });
  await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await workbench.page.locator('.statusbar').waitFor({ timeout: 60_000 });
  return workbench;
}

/**
 * Runs a command from the palette by typing its title, as a user would. Retries while the
 * workbench is still registering the extension's contributions.
 */
export async function runFromPalette(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const exact = new RegExp(`^${escapeRegExp(title)}$`);
  for (;;) {
    // A webview may hold keyboard focus after an earlier command; focus the workbench first.
    await page.locator('.statusbar').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    // Other entries may rank first (e.g. "View: Show Visualize Init"): pick the row whose label is the title.
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
    try {
      await row.waitFor({ timeout: 3_000 });
      await row.click();
      return;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`the palette never offered "${title}": ${String(err)}`);
      await page.waitForTimeout(500);
    }
  }
}

/** The HTML document of the (first) webview panel. */
export function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
}

/** Saves a screenshot under test-results/e2e and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
