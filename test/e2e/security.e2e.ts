/// <reference lib="dom" />
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Workbench } from '../harness/workbench';
import { openSampleWorkspace, panelFrame, runFromPalette } from './workbench';

let workbench: Workbench;

before(async () => {
  workbench = await openSampleWorkspace('e2e-security');
});

after(async () => {
  await workbench?.stop();
});

/** A CSP source that cannot load anything from outside the webview's own resources. */
function localOnly(v: string): boolean {
  return v === "'none'" || v === "'self'" || v === 'data:' || v === 'blob:' || /^'nonce-[A-Za-z0-9+/=]+'$/.test(v)
    // webview.cspSource: the webview resource origin (a CDN-style host name that VS Code serves locally, or this code-server).
    || /^https:\/\/\*\.vscode-cdn\.net$/.test(v) || /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(v);
}

/** The directives of a Content-Security-Policy string. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

test('the panel HTML the extension produced has a nonce-only script policy and no remote source', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  await runFromPalette(page, 'Visualize Init');
  const frame = panelFrame(page);
  await frame.locator('#app').waitFor({ state: 'attached', timeout: 30_000 });
  const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.ok(csp, 'the webview declares a CSP');
  const d = directives(csp);
  assert.deepEqual(d.get('default-src'), ["'none'"]);
  const scriptSrc = d.get('script-src') ?? [];
  assert.equal(scriptSrc.length, 1, `script-src has one source: ${scriptSrc.join(' ')}`);
  const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0])?.[1];
  assert.ok(nonce, `script-src is a nonce: ${scriptSrc[0]}`);
  for (const [name, values] of d) {
    for (const v of values) assert.ok(localOnly(v), `${name} allows ${v}`);
  }
  // VS Code injects its own bootstrap script ahead of our CSP meta tag; every script of ours follows the tag.
  const scripts = await frame.locator('script').evaluateAll((els) => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    return els.filter((s) => meta && meta.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING)
      .map((s) => ({ nonce: (s as HTMLScriptElement).nonce, src: (s as HTMLScriptElement).src }));
  });
  assert.ok(scripts.length >= 1, 'our bundle is loaded');
  for (const s of scripts) {
    assert.equal(s.nonce, nonce, `every script carries the nonce: ${s.src || 'inline'}`);
    assert.ok(s.src, 'no inline script of ours');
  }
  // A second panel document gets a different nonce (crypto RNG per render).
  const first = nonce;
  await runFromPalette(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab', { hasText: 'Visualize Init' }).waitFor({ state: 'detached' });
  await runFromPalette(page, 'Visualize Init');
  const again = directives((await panelFrame(page).locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '').get('script-src')?.[0];
  assert.ok(again && !again.includes(first), 'a new panel gets a fresh nonce');
});
