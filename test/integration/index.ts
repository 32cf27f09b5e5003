// Mocha entry loaded by the extension host (extensionTestsPath). Runs every *.test.js bundle beside
// it and writes the counts to $VI_TEST_RESULTS for the harness. $VI_GREP runs only the matching tests.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Called by VS Code; rejects when any test failed. */
export function run(): Promise<void> {
  return runSuite('.test.js');
}

/** Runs the bundles beside this one whose names end with `suffix` (one suite per workbench launch). */
export function runSuite(suffix: string): Promise<void> {
  const grep = process.env.VI_GREP;
  const mocha = new Mocha({ ui: 'tdd', timeout: 30_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith(suffix)).sort()) mocha.addFile(join(__dirname, file));
  const failures: Array<{ title: string; error: string }> = [];
  let passed = 0;
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failed) => {
      const resultsFile = process.env.VI_TEST_RESULTS;
      if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ passed, failed: failures.length, failures }));
      if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', (test, err: Error) => failures.push({ title: test.fullTitle(), error: err?.stack ?? String(err) }));
  });
}
