// Packs the extension as a .vsix and installs it into a code-server extensions folder, so the same
// integration and e2e suites can run against the extension as a user installs it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, installVsix, root } from './codeServer';

/** The packed extension. */
export const vsixPath = join(root, 'dist-vsix', 'visualize-init.vsix');
const installedDir = join(cacheDir, 'installed');

/** Where an installed run finds its extension: set by prepareInstalled(), read by the harness. */
export interface InstalledExtension {
  extensionsDir: string;
  /** An empty extension folder: the test payload needs a development path, the real one is installed. */
  emptyExtensionPath: string;
  vsixBytes: number;
}

/** `npm run package`, then installs the .vsix into a fresh extensions folder. */
export function prepareInstalled(): InstalledExtension {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(vsixPath)) throw new Error(`npm run package did not produce ${vsixPath}`);
  rmSync(installedDir, { recursive: true, force: true });
  const extensionsDir = join(installedDir, 'extensions');
  const emptyExtensionPath = join(installedDir, 'empty-extension');
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(emptyExtensionPath, { recursive: true });
  writeFileSync(join(emptyExtensionPath, 'package.json'), JSON.stringify({ name: 'empty', publisher: 'test', version: '0.0.0', engines: { vscode: '*' } }));
  installVsix(vsixPath, extensionsDir, join(installedDir, 'cli'));
  return { extensionsDir, emptyExtensionPath, vsixBytes: statSync(vsixPath).size };
}

/** The installed extension the current process should test (from the environment), if any. */
export function installedFromEnv(): { extensionsDir: string; emptyExtensionPath: string } | undefined {
  const extensionsDir = process.env.VI_INSTALLED_EXTENSIONS_DIR;
  const emptyExtensionPath = process.env.VI_EMPTY_EXTENSION_PATH;
  return extensionsDir && emptyExtensionPath ? { extensionsDir, emptyExtensionPath } : undefined;
}

if (process.argv[1]?.endsWith('installed.ts')) {
  // Used by scripts/test-all.mjs: prints one line the runner reads.
  console.log(`INSTALLED ${JSON.stringify(prepareInstalled())}`);
}
