// Mocha entry of the Restricted Mode launch (test/harness/runIntegration.ts opens
// test/fixtures/untrusted without trusting it): runs every *.untrusted.js bundle beside it.
import { runSuite } from './index';

/** Called by VS Code; rejects when any test failed. */
export function run(): Promise<void> {
  return runSuite('.untrusted.js');
}
