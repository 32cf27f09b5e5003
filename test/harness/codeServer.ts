// Installs code-server (the real VS Code workbench and Node extension host) into a cache folder of
// the project on first use, offline apart from the npm registry. See TESTING_IN_REAL_VSCODE.md.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type AddressInfo } from 'node:net';

/** code-server 4.100.3 = VS Code 1.100.3 on node 20; newer ones need node 24. */
export const CODE_SERVER_VERSION = '4.100.3';
/** The project's root folder. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where test runtimes are cached (git-ignored), like @vscode/test-electron's .vscode-test. */
export const cacheDir = join(root, '.vscode-test');
const installDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const binary = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Path of code-server's entry script, installing it first when the cache lacks it. */
export function ensureCodeServer(log: (line: string) => void = console.log): string {
  if (existsSync(binary)) return binary;
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${installDir} (once; about 2 minutes)...`);
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  // @vscode/ripgrep's postinstall downloads rg; seed its cache with Debian's rg instead.
  const tmp = mkdtempSync(join(tmpdir(), 'vi-rg-'));
  const rgCache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(rgCache, { recursive: true });
  const stage = join(tmp, 'stage');
  mkdirSync(stage);
  copyFileSync(which('rg'), join(stage, 'rg'));
  execFileSync('tar', ['-czf', join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', stage, 'rg']);
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: installDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      TMPDIR: tmp,
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      npm_config_nodedir: '/usr',
      npm_config_foreground_scripts: 'false',
    },
  });
  rmSync(tmp, { recursive: true, force: true });
  if (!existsSync(binary)) throw new Error(`code-server install finished but ${binary} is missing`);
  return binary;
}

function which(cmd: string): string {
  try {
    return execFileSync('which', [cmd], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`'${cmd}' is not installed. On Debian: apt-get install -y ripgrep chromium libkrb5-dev`);
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/** A running code-server. */
export interface CodeServer {
  url: string;
  port: number;
  stop(): void;
}

/** Options for startCodeServer. */
export interface CodeServerOptions {
  runDir: string;
  folder?: string;
  extensionsDir?: string;
  quiet?: boolean;
  env?: Record<string, string>;
  /** Keep workspace trust on (the folder then opens untrusted, in Restricted Mode); off by default. */
  workspaceTrust?: boolean;
}

/**
 * Starts code-server on a free loopback port with all state inside `runDir`.
 * Returns { url, port, stop }. `stop()` ends the whole process group.
 */
export async function startCodeServer({ runDir, folder, extensionsDir, quiet = true, env = {}, workspaceTrust = false }: CodeServerOptions): Promise<CodeServer> {
  const entry = ensureCodeServer();
  const port = await freePort();
  mkdirSync(runDir, { recursive: true });
  const home = join(runDir, 'home');
  mkdirSync(home, { recursive: true });
  const args = [
    entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', join(runDir, 'ud'), '--extensions-dir', extensionsDir ?? join(runDir, 'exts'),
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
  ];
  if (folder) args.push(folder);
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit'],
    env: {
      ...process.env,
      HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'),
      XDG_CACHE_HOME: join(home, '.cache'), EXTENSIONS_GALLERY: '{}', ...env,
    },
  });
  const stop = () => {
    try { process.kill(-(child.pid as number), 'SIGTERM'); } catch { /* already gone */ }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { stop(); throw new Error('code-server did not answer /healthz within 60 s'); }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, stop };
}

/** Installs a .vsix into an extensions folder with code-server's own CLI. */
export function installVsix(vsix: string, extensionsDir: string, runDir: string): void {
  const entry = ensureCodeServer();
  execFileSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', join(runDir, 'ud'), '--install-extension', vsix], {
    stdio: 'inherit', env: { ...process.env, HOME: join(runDir, 'home'), EXTENSIONS_GALLERY: '{}' },
  });
}

