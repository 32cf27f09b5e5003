// Runs the mocha suite in test/integration inside the real extension host of code-server.
// Exit code 0 when every test passed; prints "N passed, N failed".
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { root } from './codeServer';
import { devExtension, openWorkbench, runsDir } from './workbench';
import { installedFromEnv } from './installed';

/** Results the in-host mocha reporter writes (see test/integration/index.ts). */
interface IntegrationResults {
  passed: number;
  failed: number;
  failures: Array<{ title: string; error: string }>;
}

/** Workbench chatter that says nothing about our tests. */
const NOISE = /additional builtin extensions|Service Worker|Creating a socket|ChatSessionStore/;

const TIMEOUT_MS = Number(process.env.VI_INTEGRATION_TIMEOUT_MS ?? 300_000);

/** Runs the suite once against the extension at `extensionPath` ('' = the installed one). */
export async function runIntegration(name: string, extensionPath: string, extensionsDir?: string): Promise<IntegrationResults> {
  const entry = join(root, 'dist', 'test', 'integration', 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const resultsFile = join(runsDir, `${name}-results.json`);
  rmSync(resultsFile, { force: true });
  let exitCode: number | undefined;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const workbench = await openWorkbench({
    name,
    folder: join(root, 'test', 'fixtures', 'workspace'),
    extensionsDir,
    env: { VI_TEST_RESULTS: resultsFile },
    payload: [
      devExtension(extensionPath),
      ['extensionTestsPath', `vscode-remote://remote${entry}`],
      ['skipWelcome', 'true'],
    ],
    beforeGoto: async (page) => {
      await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        const text = format(...(Array.isArray(args) ? args : [args]));
        if (text.trim() && !NOISE.test(text)) console.log(`  [host] ${text}`);
      });
      await page.exposeFunction('codeAutomationExit', (code: number) => {
        exitCode = code;
        done();
      });
    },
  });
  const timer = setTimeout(done, TIMEOUT_MS);
  try {
    await finished;
  } finally {
    clearTimeout(timer);
    await workbench.stop();
  }
  if (exitCode === undefined) throw new Error(`the integration suite did not finish within ${TIMEOUT_MS / 1000} s`);
  if (!existsSync(resultsFile)) {
    return { passed: 0, failed: 1, failures: [{ title: 'suite', error: `the extension host exited with ${exitCode} without results (did the test entry load?)` }] };
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as IntegrationResults;
  if (exitCode !== 0 && results.failed === 0) results.failed = 1;
  return results;
}

async function main(): Promise<void> {
  const installed = installedFromEnv();
  const results = installed
    ? await runIntegration('integration-installed', installed.emptyExtensionPath, installed.extensionsDir)
    : await runIntegration('integration', root);
  for (const f of results.failures) console.log(`  FAILED ${f.title}\n    ${f.error.split('\n').join('\n    ')}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
}

if (process.argv[1]?.endsWith('runIntegration.ts')) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  });
}
