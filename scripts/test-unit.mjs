// Runs every test/unit/**/*.test.ts with node:test (TypeScript loaded through tsx).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** All unit test files, sorted, relative to the project root. */
export function unitTestFiles(dir = 'test/unit') {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...unitTestFiles(path));
    else if (name.endsWith('.test.ts')) out.push(relative('.', path));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const extra = process.argv.slice(2);
  const files = extra.length ? extra : unitTestFiles();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
