// `npm test`: builds, then runs unit (node:test), integration (mocha inside the real VS Code
// extension host, via code-server) and end-to-end (chromium driving the real workbench) tests.
// Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unitTestFiles } from './test-unit.mjs';

// Stages: unit, integration (from the sources), e2e (from the sources), installed (the packed .vsix
// installed into code-server, then the integration and e2e suites against it).
// `npm test` runs unit, integration and installed; pick stages with e.g. `npm test -- unit e2e`.
const DEFAULT_STAGES = ['unit', 'integration', 'installed'];
const only = process.argv.slice(2);
const wanted = (stage) => (only.length === 0 ? DEFAULT_STAGES : only).includes(stage);
const totals = { passed: 0, failed: 0, skipped: 0 };
const tmp = mkdtempSync(join(tmpdir(), 'vi-test-'));

function run(cmd, args) {
  return spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] }).status;
}

/** Runs node:test files with a spec reporter on screen and a count reporter into a file. */
function nodeTests(stage, files, extra = []) {
  console.log(`\n== ${stage} tests (${files.length} files) ==`);
  const counts = join(tmp, `${stage.replace(/\W/g, '-')}.json`);
  const status = run(process.execPath, ['--import', 'tsx', '--test', ...extra,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/countReporter.mjs', `--test-reporter-destination=${counts}`, ...files]);
  let c = { passed: 0, failed: 1, skipped: 0 };
  try { c = JSON.parse(readFileSync(counts, 'utf8')); } catch { /* the runner died before reporting */ }
  if (status !== 0 && c.failed === 0) c.failed = 1;
  add(stage, c);
}

function add(stage, c) {
  totals.passed += c.passed; totals.failed += c.failed; totals.skipped += c.skipped ?? 0;
  console.log(`-- ${stage}: ${c.passed} passed, ${c.failed} failed`);
}

console.log('== build ==');
if (run(process.execPath, ['esbuild.js']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (wanted('unit')) nodeTests('unit', unitTestFiles());

/** The mocha suite inside the real extension host; `env` selects the installed extension. */
function integration(stage, env = {}) {
  console.log(`\n== ${stage} tests (real VS Code extension host) ==`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/harness/runIntegration.ts'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, ...env } });
  process.stdout.write(r.stdout);
  const m = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
  add(stage, m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 1 });
}

const e2eFiles = () => readdirSync('test/e2e').filter((f) => f.endsWith('.e2e.ts')).sort().map((f) => join('test/e2e', f));

if (wanted('integration')) integration('integration');

if (wanted('e2e')) nodeTests('e2e', e2eFiles(), ['--test-concurrency=1']);

if (wanted('installed')) {
  console.log('\n== package the .vsix and install it into code-server ==');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/harness/installed.ts'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const line = /^INSTALLED (.*)$/m.exec(r.stdout ?? '');
  if (!line) {
    process.stdout.write(r.stdout ?? '');
    add('installed', { passed: 0, failed: 1 });
  } else {
    const installed = JSON.parse(line[1]);
    console.log(`installed dist-vsix/visualize-init.vsix (${(installed.vsixBytes / 1024).toFixed(0)} KiB)`);
    const env = { VI_INSTALLED_EXTENSIONS_DIR: installed.extensionsDir, VI_EMPTY_EXTENSION_PATH: installed.emptyExtensionPath };
    integration('installed integration', env);
    process.env.VI_INSTALLED_EXTENSIONS_DIR = env.VI_INSTALLED_EXTENSIONS_DIR;
    process.env.VI_EMPTY_EXTENSION_PATH = env.VI_EMPTY_EXTENSION_PATH;
    nodeTests('installed e2e', e2eFiles(), ['--test-concurrency=1']);
  }
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
