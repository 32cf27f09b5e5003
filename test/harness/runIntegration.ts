// Runs the mocha suites in test/integration inside the real extension host of code-server: the main
// suite in the trusted fixture workspace, then the Restricted Mode suite in an untrusted one.
// Exit code 0 when every test passed; prints "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { root } from './codeServer';
import { devExtension, openWorkbench, runsDir } from './workbench';
import { installedFromEnv } from './installed';
import { answerProbe } from './probeAnswers';
import { PROBE_DIR_ENV, parseProbe } from './workbenchProbe';

/** Results the in-host mocha reporter writes (see test/integration/index.ts). */
interface IntegrationResults {
  passed: number;
  failed: number;
  failures: Array<{ title: string; error: string }>;
}

/** Workbench chatter that says nothing about our tests. */
const NOISE = /additional builtin extensions|Service Worker|Creating a socket|ChatSessionStore/;

const TIMEOUT_MS = Number(process.env.VI_INTEGRATION_TIMEOUT_MS ?? 300_000);

/** Which suite a launch runs, in which folder, trusted or not. */
interface Launch {
  /** The mocha entry bundle in dist/test/integration. */
  entry: string;
  folder: string;
  untrusted?: boolean;
}

/** The suites and the workbench each runs in. */
const LAUNCHES: Record<'trusted' | 'untrusted', Launch> = {
  trusted: { entry: 'index.js', folder: join(root, 'test', 'fixtures', 'workspace') },
  untrusted: { entry: 'untrustedIndex.js', folder: join(root, 'test', 'fixtures', 'untrusted'), untrusted: true },
};

/** Runs a suite once against the extension at `extensionPath` ('' = the installed one). */
export async function runIntegration(name: string, extensionPath: string, extensionsDir?: string, launch: Launch = LAUNCHES.trusted): Promise<IntegrationResults> {
  const entry = join(root, 'dist', 'test', 'integration', launch.entry);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const resultsFile = join(runsDir, `${name}-results.json`);
  rmSync(resultsFile, { force: true });
  const probeDir = join(runsDir, `${name}-probe`);
  rmSync(probeDir, { recursive: true, force: true });
  mkdirSync(probeDir, { recursive: true });
  let exitCode: number | undefined;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const workbench = await openWorkbench({
    name,
    folder: launch.folder,
    untrusted: launch.untrusted,
    extensionsDir,
    env: { VI_TEST_RESULTS: resultsFile, [PROBE_DIR_ENV]: probeDir },
    payload: [
      devExtension(extensionPath),
      ['extensionTestsPath', `vscode-remote://remote${entry}`],
      ['skipWelcome', 'true'],
    ],
    beforeGoto: async (page) => {
      await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        const text = format(...(Array.isArray(args) ? args : [args]));
        const question = parseProbe(text);
        if (question) void answerProbe(page, probeDir, question);
        else if (text.trim() && !NOISE.test(text)) console.log(`  [host] ${text}`);
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
  const suffix = installed ? '-installed' : '';
  const extensionPath = installed ? installed.emptyExtensionPath : root;
  // `runIntegration.ts untrusted` runs one launch; by default both, one code-server at a time (two cores).
  const picked = process.argv.slice(2);
  const names = (Object.keys(LAUNCHES) as Array<keyof typeof LAUNCHES>).filter((n) => picked.length === 0 || picked.includes(n));
  if (names.length === 0) throw new Error(`unknown launch ${picked.join(' ')}; known: ${Object.keys(LAUNCHES).join(', ')}`);
  const results: IntegrationResults = { passed: 0, failed: 0, failures: [] };
  for (const n of names) {
    const r = await runIntegration(`integration${n === 'trusted' ? '' : `-${n}`}${suffix}`, extensionPath, installed?.extensionsDir, LAUNCHES[n]);
    results.passed += r.passed;
    results.failed += r.failed;
    results.failures.push(...r.failures);
  }
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
