/// <reference lib="dom" />
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { Workbench } from '../harness/workbench';
import { PANEL_PROTOCOL_VERSION } from '../../src/shared/panelProtocol';
import { openSampleWorkspace, panelFrame, runFromPalette } from './workbench';
import { openContainer, trainingFrame } from './viewSteps';

// Every webview document the extension produces (the panel, the panel's notice for a webview of another
// build, the Training view) is read as the workbench rendered it and held to the same rules.

let workbench: Workbench;
/** The script nonce of each webview document checked so far, by document: no two may share one. */
const nonces = new Map<string, string>();

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

/** The nonce of a single-source `'nonce-...'` list (at least 16 base64 characters), else undefined. */
function nonceOf(values: readonly string[] | undefined): string | undefined {
  return values?.length === 1 ? /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(values[0])?.[1] : undefined;
}

/** A webview's document: a Playwright Frame or FrameLocator. */
interface WebviewDocument {
  locator(selector: string): Locator;
}

/**
 * Reads the CSP meta tag of a webview document and the scripts and inline styles that follow it (VS
 * Code injects its own bootstrap script ahead of our tag; everything of ours follows it).
 */
async function readDocument(doc: WebviewDocument) {
  const meta = doc.locator('meta[http-equiv="Content-Security-Policy"]');
  assert.equal(await meta.count(), 1, 'the document declares one CSP');
  const csp = (await meta.getAttribute('content')) ?? '';
  // No named functions in here: the test runner's transpiler would wrap them in a helper the page lacks.
  const ours = await doc.locator('html').evaluate(() => {
    const tag = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    const follows = Array.from(document.querySelectorAll('script, style'))
      .filter((el) => !!tag && (tag.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
    return {
      scripts: follows.filter((el) => el instanceof HTMLScriptElement).map((s) => ({ nonce: (s as HTMLScriptElement).nonce, src: (s as HTMLScriptElement).src })),
      styles: follows.filter((el) => el instanceof HTMLStyleElement).map((s) => (s as HTMLStyleElement).nonce),
    };
  });
  return { csp, d: directives(csp), ...ours };
}

/**
 * The rules every webview document is held to: no default source, every source local, scripts only by
 * one nonce (or none at all for a page without script), every script of ours loaded by URL with that
 * nonce, every inline style carrying a nonce the policy allows. Returns the document's nonce.
 */
async function assertStrictPolicy(name: string, doc: WebviewDocument, scripts: 'bundle' | 'none'): Promise<string> {
  const { csp, d, scripts: ourScripts, styles } = await readDocument(doc);
  assert.ok(csp, `${name}: the webview declares a CSP`);
  assert.deepEqual(d.get('default-src'), ["'none'"], `${name}: default-src 'none' in ${csp}`);
  for (const [directive, values] of d) {
    for (const v of values) assert.ok(localOnly(v), `${name}: ${directive} allows ${v}`);
  }
  const scriptSrc = d.get('script-src');
  const scriptNonce = nonceOf(scriptSrc);
  if (scripts === 'bundle') {
    assert.ok(scriptNonce, `${name}: script-src is one nonce: ${scriptSrc?.join(' ')}`);
    assert.ok(ourScripts.length >= 1, `${name}: our bundle is loaded`);
  } else {
    assert.ok(scriptNonce || (scriptSrc?.length === 1 && scriptSrc[0] === "'none'"), `${name}: script-src is 'none' or one nonce: ${scriptSrc?.join(' ')}`);
    assert.equal(ourScripts.length, 0, `${name}: the page has no script`);
  }
  for (const s of ourScripts) {
    assert.equal(s.nonce, scriptNonce, `${name}: every script carries the policy's nonce: ${s.src || 'inline'}`);
    assert.ok(s.src, `${name}: no inline script of ours`);
  }
  const styleNonces = (d.get('style-src') ?? []).map((v) => /^'nonce-(.+)'$/.exec(v)?.[1]).filter((n): n is string => !!n);
  for (const n of styles) assert.ok(n && styleNonces.includes(n), `${name}: every inline style carries a nonce of style-src`);
  const nonce = scriptNonce ?? styleNonces[0];
  assert.ok(nonce, `${name}: the document has a nonce`);
  for (const [other, n] of nonces) assert.notEqual(n, nonce, `${name} and ${other} share a nonce`);
  nonces.set(name, nonce);
  return nonce;
}

test('the panel HTML the extension produced has a nonce-only script policy and no remote source', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  await runFromPalette(page, 'Visualize Init');
  const frame = panelFrame(page);
  await frame.locator('#app').waitFor({ state: 'attached', timeout: 30_000 });
  await assertStrictPolicy('the panel', frame, 'bundle');
  // A second panel document gets a different nonce (crypto RNG per render).
  await runFromPalette(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab', { hasText: 'Visualize Init' }).waitFor({ state: 'detached' });
  await runFromPalette(page, 'Visualize Init');
  const again = panelFrame(page);
  await again.locator('#app').waitFor({ state: 'attached', timeout: 30_000 });
  await assertStrictPolicy('the reopened panel', again, 'bundle');
});

test('the notice the panel shows a webview of another build has no script and no remote source', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  const frame = panelFrame(page);
  await frame.locator('#app').waitFor({ state: 'attached', timeout: 30_000 });
  // What a webview of a newer build sends: `ready` with its protocol version, through the channel its
  // acquireVsCodeApi().postMessage uses (the webview host frame's __vscode_post_message__; VS Code deletes
  // window.parent in the document itself once its API script has bound that function).
  const host = await page.locator('iframe.webview.ready').first().elementHandle();
  const hostFrame = await host?.contentFrame();
  assert.ok(hostFrame, 'the panel\'s webview host frame');
  await hostFrame.evaluate((protocolVersion) => {
    (window as unknown as Record<string, (command: string, data: unknown) => void>).__vscode_post_message__('onmessage', { message: { type: 'ready', protocolVersion } });
  }, PANEL_PROTOCOL_VERSION + 1);
  const notice = panelFrame(page);
  await notice.locator('#notice').waitFor({ state: 'attached', timeout: 30_000 });
  assert.match((await notice.locator('#notice').textContent()) ?? '', /newer build/);
  await assertStrictPolicy('the notice', notice, 'none');
  await runFromPalette(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab', { hasText: 'Visualize Init' }).waitFor({ state: 'detached' });
});

test('the Training view HTML the extension produced has a nonce-only script policy and no remote source', { timeout: 120_000 }, async () => {
  const { page } = workbench;
  await openContainer(page);
  await assertStrictPolicy('the Training view', await trainingFrame(page), 'bundle');
});
