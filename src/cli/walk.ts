// Finding the files to lint: explicit files as given, folders walked for analyzable extensions,
// skipping dependency folders, VCS folders and Python virtual environments.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { documentKindForPath } from '../core/analyzer/index';

/** Folder names never descended into. */
export const SKIP_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'venv',
  '.venv',
  'env',
  '.env',
  '.tox',
  '.nox',
  '__pycache__',
  'site-packages',
  '.mypy_cache',
  '.pytest_cache',
  '.ipynb_checkpoints',
  '.vscode-test',
]);

/** A file to lint, or a path that could not be walked. */
export type WalkEntry = { kind: 'file'; path: string } | { kind: 'error'; path: string; message: string };

function isVenv(dir: string): boolean {
  return existsSync(join(dir, 'pyvenv.cfg'));
}

/** Expands the command-line paths into files (sorted per folder), never following symlinked folders. */
export function collectFiles(paths: readonly string[]): WalkEntry[] {
  const out: WalkEntry[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    if (seen.has(p)) return;
    seen.add(p);
    out.push({ kind: 'file', path: p });
  };
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      out.push({ kind: 'error', path: dir, message: (err as Error).message });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || isVenv(p)) continue;
        walk(p);
      } else if (e.isFile() && documentKindForPath(e.name) !== undefined) add(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      out.push({ kind: 'error', path: p, message: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else add(p);
  }
  return out;
}

/** The path as shown in output: relative to the working directory when inside it, with '/' separators. */
export function displayPath(p: string, cwd: string): string {
  const rel = relative(cwd, p);
  const shown = rel && !rel.startsWith('..') ? rel : p;
  return shown.split(sep).join('/');
}
