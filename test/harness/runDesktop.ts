// The same integration suite under desktop VS Code (Electron) via @vscode/test-electron.
// It downloads VS Code, so it only works on machines with internet; CI uses code-server instead.
import { runTests } from '@vscode/test-electron';
import { join } from 'node:path';
import { root } from './codeServer';

async function main(): Promise<void> {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist', 'test', 'integration', 'index.js'),
    launchArgs: [join(root, 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err: unknown) => {
  console.error('Desktop integration tests failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
