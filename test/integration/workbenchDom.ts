// Host side of the workbench probe (test/harness/workbenchProbe.ts): lets a test read what the user
// sees in the workbench and in our webviews, through the browser of test/harness/runIntegration.ts.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROBE_DIR_ENV, PROBE_MARKER, type ProbeAnswer, type ProbeElement } from '../harness/workbenchProbe';
import { waitFor } from './util';

let nextId = 1;

/** The elements matching `selector` in the workbench and in every webview, as the browser renders them now. */
export async function shownElements(selector: string): Promise<ProbeElement[]> {
  const dir = process.env[PROBE_DIR_ENV];
  if (!dir) throw new Error(`${PROBE_DIR_ENV} is not set: reading the workbench needs the code-server harness (npm run test:integration)`);
  const id = `q${process.pid}-${nextId++}`;
  const file = join(dir, `${id}.json`);
  console.log(`${PROBE_MARKER}${JSON.stringify({ id, selector })}`);
  await waitFor(`the harness to answer "${selector}"`, () => existsSync(file), 15_000);
  const answer = JSON.parse(readFileSync(file, 'utf8')) as ProbeAnswer;
  rmSync(file, { force: true });
  if ('error' in answer) throw new Error(`the harness could not read "${selector}": ${answer.error}`);
  return answer.elements;
}

/** Waits until a visible element matching `selector` has text matching `text`, and returns that text. */
export async function waitForShown(selector: string, text: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  for (;;) {
    const visible = (await shownElements(selector)).filter((e) => e.visible);
    const match = visible.find((e) => text.test(e.text));
    if (match) return match.text;
    seen = visible.map((e) => e.text);
    if (Date.now() > deadline) throw new Error(`nothing visible at "${selector}" matched ${text} within ${timeoutMs} ms; shown: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
