// Opens the real VS Code workbench (code-server) in Debian's chromium through playwright-core.
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, startCodeServer, type CodeServer } from './codeServer';

/** Where test runs keep their state; removed before each run. */
export const runsDir = join(cacheDir, 'runs');

/** A running workbench: server, browser and page, stopped together. */
export interface Workbench {
  server: CodeServer;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

/** Options for openWorkbench. */
export interface WorkbenchOptions {
  name: string;
  folder: string;
  payload: Array<[string, string]>;
  extensionsDir?: string;
  env?: Record<string, string>;
  colorTheme?: string;
  /** Open the folder untrusted (Restricted Mode) instead of switching workspace trust off. */
  untrusted?: boolean;
  /** Called before navigation, to expose functions on the page. */
  beforeGoto?: (page: Page) => Promise<void>;
  onConsole?: (text: string) => void;
}

/** The chromium Debian installs; override with VI_CHROMIUM. */
export const chromiumPath = process.env.VI_CHROMIUM ?? '/usr/bin/chromium';

/** Starts code-server and a headless chromium at the workbench URL with the given payload. */
export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const runDir = join(runsDir, options.name);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(join(runDir, 'ud', 'User'), { recursive: true });
  const settings: Record<string, unknown> = {
    'workbench.startupEditor': 'none',
    'git.openRepositoryInParentFolders': 'never',
    'workbench.tips.enabled': false,
    ...(options.colorTheme ? { 'workbench.colorTheme': options.colorTheme } : {}),
    // No trust dialog at start-up: the folder simply opens in Restricted Mode, as after "Don't Trust".
    ...(options.untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {}),
  };
  writeFileSync(join(runDir, 'ud', 'User', 'settings.json'), JSON.stringify(settings));
  const server = await startCodeServer({ runDir, folder: options.folder, extensionsDir: options.extensionsDir, env: options.env, workspaceTrust: options.untrusted });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      env: { ...process.env, HOME: join(runDir, 'chromium-home') },
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (options.onConsole) page.on('console', (m) => options.onConsole?.(m.text()));
    await options.beforeGoto?.(page);
    const payload = encodeURIComponent(JSON.stringify(options.payload));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(options.folder)}&payload=${payload}`);
    const b = browser;
    return {
      server, browser: b, page,
      stop: async () => {
        await b.close().catch(() => undefined);
        server.stop();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    server.stop();
    throw err;
  }
}

/** The payload entry that loads an extension from a folder of this machine. */
export function devExtension(path: string): [string, string] {
  return ['extensionDevelopmentPath', `vscode-remote://remote${path}`];
}
