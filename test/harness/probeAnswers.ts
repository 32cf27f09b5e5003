// Harness side of the workbench probe (see workbenchProbe.ts): answers a question from the page's DOM.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ProbeAnswer, ProbeElement, ProbeQuestion } from './workbenchProbe';

/** Reads the matching elements of every frame (workbench, webview hosts, webview documents) and writes the answer file. */
export async function answerProbe(page: Page, dir: string, question: ProbeQuestion): Promise<void> {
  let answer: ProbeAnswer;
  try {
    const elements: ProbeElement[] = [];
    for (const frame of page.frames()) {
      const inWebview = frame !== page.mainFrame();
      // A frame can go away while we read it (a webview reloading): it then has nothing to show.
      const found = await frame.locator(question.selector).evaluateAll((nodes) => nodes.map((n) => {
        const el = n as unknown as { textContent: string | null; checkVisibility(): boolean };
        return { text: (el.textContent ?? '').trim(), visible: el.checkVisibility() };
      })).catch(() => []);
      for (const f of found) elements.push({ ...f, inWebview });
    }
    answer = { elements };
  } catch (err) {
    answer = { error: String(err) };
  }
  // Written beside, then renamed: the host never reads half a file.
  const file = join(dir, `${question.id}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(answer));
  renameSync(`${file}.tmp`, file);
}
