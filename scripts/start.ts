// `npm start`: builds the extension and opens it in a real VS Code (code-server on 127.0.0.1) with the
// sample workspace. Prints the URL to open in a browser; Ctrl+C stops it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root, startCodeServer } from '../test/harness/codeServer';

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'inherit' });
  const folder = join(root, 'test', 'fixtures', 'workspace');
  const server = await startCodeServer({ runDir: join(root, '.vscode-test', 'runs', 'start'), folder });
  const payload = encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://remote${root}`], ['skipWelcome', 'true']]));
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${payload}`;
  console.log('\nVisualize Init is running in VS Code (code-server). Open this URL in a browser:\n');
  console.log(`  ${url}\n`);
  console.log('Then run "Visualize Init" from the command palette (F1), or open model.py. Press Ctrl+C to stop.');
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => undefined);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
