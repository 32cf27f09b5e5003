import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parseArgs } from '../../../src/cli/args';
import { collectFiles } from '../../../src/cli/walk';
import { lintFile } from '../../../src/cli/main';
import { exitCode } from '../../../src/cli/format';
import { lintOnThreads, threadCount } from '../../../src/cli/pool';

/** The CLI's build-time constants exactly as esbuild.js sets them (the rules' pages). */
const { cliDefine } = createRequire(join(process.cwd(), 'esbuild.js'))('./esbuild.js') as { cliDefine(): Record<string, string> };

let dir = '';
let cli = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vi-cli-'));
  cli = join(dir, 'cli.js');
  await build({ entryPoints: ['src/cli/main.ts'], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent', banner: { js: '#!/usr/bin/env node' }, define: cliDefine() });
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(): string {
  const root = join(dir, `proj-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
  mkdirSync(join(root, '.venv'), { recursive: true });
  mkdirSync(join(root, 'myenv'), { recursive: true });
  writeFileSync(join(root, 'myenv', 'pyvenv.cfg'), 'home = /usr\n');
  writeFileSync(join(root, 'src', 'bad.py'), 'import numpy as np\nW1 = np.zeros((784, 128))\nW2 = np.random.randn(128, 10)\n');
  writeFileSync(join(root, 'src', 'good.py'), 'import numpy as np\nW1 = np.random.randn(784, 128)\nb1 = np.zeros(128)\n');
  writeFileSync(join(root, 'src', 'notes.txt'), 'W1 = np.zeros((784, 128))\n');
  writeFileSync(join(root, 'node_modules', 'pkg', 'x.py'), 'import numpy as np\nW1 = np.zeros((784, 128))\nW2 = np.zeros((1, 2))\n');
  writeFileSync(join(root, '.venv', 'x.py'), 'import numpy as np\nW1 = np.zeros((784, 128))\n');
  writeFileSync(join(root, 'myenv', 'x.py'), 'import numpy as np\nW1 = np.zeros((784, 128))\n');
  return root;
}

test('exit code 1 with findings, text lines are path:line:col severity code message', () => {
  const root = tree();
  const r = run(['lint', root], root);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^src\/bad\.py:2:6: warning VI001 /);
  assert.equal(lines.length, 2, r.stdout);
  assert.match(lines[1], /^1 finding in 2 files$/);
});

test('exit code 0 when clean, 2 for a missing path and for usage errors', () => {
  const root = tree();
  assert.equal(run(['lint', join(root, 'src', 'good.py')]).code, 0);
  const missing = run(['lint', join(root, 'nope.py')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file or folder/);
  assert.equal(run([]).code, 2);
  assert.equal(run(['lint']).code, 2);
  assert.equal(run(['lint', '--format', 'xml', root]).code, 2);
  assert.equal(run(['frobnicate', root]).code, 2);
  assert.equal(run(['--help']).code, 0);
  assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+/);
});

test('huge files are skipped with a message, not an error', () => {
  const root = tree();
  const r = run(['lint', '--max-file-size', '10', join(root, 'src')], root);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /bad\.py: skipped: file is \d+ bytes/);
});

test('a file that cannot be read is an error result, and errors make the exit code 2', () => {
  const root = tree();
  const asFile = join(root, 'src', 'folder.py');
  mkdirSync(asFile);
  const r = lintFile(asFile, 'src/folder.py', 1_000_000);
  assert.equal(r.findings.length, 0);
  assert.match(r.error ?? '', /EISDIR|directory/i);
  assert.equal(exitCode([r, { path: 'a.py', findings: [] }]), 2);
});

test('--format json and --format sarif print parseable documents', () => {
  const root = tree();
  const json = run(['lint', '--format', 'json', root], root);
  assert.equal(json.code, 1);
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.findings.length, 1);
  assert.equal(doc.findings[0].code, 'VI001');
  assert.deepEqual(doc.findings[0].shape, [784, 128]);
  const sarif = run(['lint', '--format=sarif', root], root);
  const log = JSON.parse(sarif.stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs[0].results[0].ruleId, 'VI001');
  // The bundle carries every rule's page as its help; nothing points at the analyzer's placeholder address.
  const rule = log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'VI001');
  assert.equal(rule.help.markdown, readFileSync('docs/rules/VI001.md', 'utf8').replace('[VI004](VI004.md)', 'VI004').trim());
  assert.equal(doc.findings[0].doc, 'docs/rules/VI001.md');
  for (const out of [json.stdout, sarif.stdout, run(['lint', root], root).stdout]) assert.doesNotMatch(out, /example\.invalid/);
});

test('folders skip node_modules, .venv and folders with pyvenv.cfg, and non-source files', () => {
  const root = tree();
  const files = collectFiles([root]).map((e) => e.path.slice(root.length + 1));
  assert.deepEqual(files, ['src/bad.py', 'src/good.py']);
});

test('argument parsing', () => {
  assert.deepEqual(parseArgs(['lint', 'a', '--format', 'json', 'b']), { kind: 'lint', paths: ['a', 'b'], format: 'json', maxFileSize: 5_000_000, jobs: 0 });
  assert.deepEqual(parseArgs(['lint', '--max-file-size=100', '--jobs', '3', '--', '-weird']), { kind: 'lint', paths: ['-weird'], format: 'text', maxFileSize: 100, jobs: 3 });
  assert.equal(parseArgs(['lint', '--bogus', 'a']).kind, 'error');
  assert.equal(parseArgs(['lint', '--max-file-size', '-3', 'a']).kind, 'error');
  for (const bad of ['0', '1.5', 'many', '100000']) assert.equal(parseArgs(['lint', '--jobs', bad, 'a']).kind, 'error', bad);
});

/** A tree of `n` Python files, every third with a constant weight, some larger than others. */
function manyFiles(n: number): string {
  const root = join(dir, `many-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(root, 'pkg'), { recursive: true });
  for (let i = 0; i < n; i++) {
    const body = i % 3 === 0 ? `W${i} = np.zeros((${i + 8}, 16))\n` : `W${i} = np.random.randn(${i + 8}, 16)\n`;
    writeFileSync(join(root, 'pkg', `m${String(i).padStart(3, '0')}.py`), `import numpy as np\n${'x = 1\n'.repeat(i * 20)}${body}`);
  }
  return root;
}

test('threads: the same report as one thread, in the same order, and the files are linted in the workers', async () => {
  const root = manyFiles(40);
  assert.equal(threadCount(4, 40), 4);
  assert.equal(threadCount(4, 10), 1, 'a few files are not worth a thread');
  const one = run(['lint', '--format', 'json', '--jobs', '1', root], root);
  const four = run(['lint', '--format', 'json', '--jobs', '4', root], root);
  assert.equal(one.code, 1);
  assert.equal(four.code, 1);
  assert.equal(four.stdout, one.stdout);
  assert.equal(JSON.parse(one.stdout).findings.length, 14);
  // Driven from here with the built CLI as the worker script: nothing may be linted in this thread.
  const jobs = collectFiles([root]).map((e) => ({ path: e.path, shown: e.path }));
  const inThread: string[] = [];
  const results = await lintOnThreads(jobs, 3, cli, 5_000_000, (job) => {
    inThread.push(job.path);
    return lintFile(job.path, job.shown, 5_000_000);
  });
  assert.deepEqual(inThread, []);
  assert.deepEqual(results, jobs.map((j) => lintFile(j.path, j.shown, 5_000_000)));
});

test('threads: workers that cannot start hand every file back to this thread', async () => {
  const root = manyFiles(20);
  const jobs = collectFiles([root]).map((e) => ({ path: e.path, shown: e.path }));
  const results = await lintOnThreads(jobs, 2, join(dir, 'missing-worker.js'), 5_000_000, (job, max) => lintFile(job.path, job.shown, max));
  assert.deepEqual(results, jobs.map((j) => lintFile(j.path, j.shown, 5_000_000)));
});
