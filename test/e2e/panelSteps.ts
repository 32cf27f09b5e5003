// Steps shared by the panel's end-to-end tests: open the panel, pick a preset, read what the
// webview shows (text and canvas pixels) inside its iframe.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { root } from '../harness/codeServer';
import { panelFrame, runFromPalette } from './workbench';

/** Where the save dialog puts exports by default: the sample workspace. */
export const exportFolder = join(root, 'test', 'fixtures', 'workspace');

/** Runs "Visualize Init" from the palette and waits until the webview has talked to the host. */
export async function openPanel(page: Page): Promise<FrameLocator> {
  await runFromPalette(page, 'Visualize Init');
  await page.locator('.tabs-container .tab', { hasText: 'Visualize Init' }).waitFor({ timeout: 30_000 });
  const frame = panelFrame(page);
  await frame.locator('#status', { hasText: 'Connected to the extension host' }).waitFor({ timeout: 30_000 });
  return frame;
}

/** Picks a preset in the header's picker by its title, as a user does (open the list, click). */
export async function choosePreset(frame: FrameLocator, title: string): Promise<void> {
  await chooseOption(frame, 'preset', title);
}

/** Picks the option titled `title` in the panel's picker with id `id` ("preset", "speed"), as a user does. */
export async function chooseOption(frame: FrameLocator, id: string, title: string): Promise<void> {
  const picker = frame.locator(`vscode-single-select#${id}`);
  await picker.click();
  const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await picker.locator('li[role="option"]').filter({ hasText: exact }).first().click();
}

/** The step run `run` shows (parsed from "step 1,234"). */
export async function shownStep(frame: FrameLocator, run = 0): Promise<number> {
  const text = (await frame.locator(`[data-run-step="${run}"]`).textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, '')) || 0;
}

/** Waits until run `run` shows at least `step`. */
export async function waitForStep(page: Page, frame: FrameLocator, step: number, run = 0, timeoutMs = 45_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await shownStep(frame, run);
    if (s >= step) return s;
    if (Date.now() > deadline) throw new Error(`run ${run} stayed at step ${s}, expected >= ${step}`);
    await page.waitForTimeout(200);
  }
}

/** The "distinct units: k of n" text of layer `layer` of run `run`. */
export async function distinctText(frame: FrameLocator, layer: number, run = 0): Promise<string> {
  return ((await frame.locator(`.run-${run} .heatmap[data-layer="${layer}"] .hm-distinct`).textContent()) ?? '').trim();
}

/** Exported files in the workspace with extension `ext` (".json", ".png"). */
export function exportedFiles(ext: string): string[] {
  return readdirSync(exportFolder).filter((f) => f.startsWith('visualize-init-') && f.endsWith(ext));
}

/** Clicks an export button, accepts the save dialog's suggested name and returns the written file's path. */
export async function exportVia(page: Page, frame: FrameLocator, button: string, ext: string): Promise<string> {
  await frame.locator(button).click();
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  const deadline = Date.now() + 20_000;
  while (exportedFiles(ext).length === 0) {
    if (Date.now() > deadline) throw new Error(`no ${ext} file appeared in the workspace`);
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(300);
  return join(exportFolder, exportedFiles(ext)[0]);
}

/** Waits until the panel's live region announces text matching `pattern` and returns that text. */
export async function waitForAnnounced(page: Page, frame: FrameLocator, pattern: RegExp, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = ((await frame.locator('#announcer').textContent()) ?? '').trim();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the panel announced "${text}", expected ${pattern}`);
    await page.waitForTimeout(100);
  }
}

/** Pauses, tabs from the lesson text into the first heatmap and moves its active cell to unit 3, input 2. */
export async function focusHeatmapCell(page: Page, frame: FrameLocator): Promise<string> {
  await frame.locator('#play').click();
  await frame.locator('#play', { hasText: 'Play' }).waitFor({ timeout: 5_000 });
  await frame.locator('#lesson').click();
  await page.keyboard.press('Tab');
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight']) await page.keyboard.press(key);
  return waitForAnnounced(page, frame, /^Layer 1 · unit 3 · input 2 · /);
}

/** The part of a DOM canvas the pixel checks use (the test tsconfig has no DOM lib). */
interface Canvas2D {
  width: number;
  height: number;
  getContext(id: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/** Reads the weight canvas of a layer: its size and how many different pixel rows it has. */
export async function heatmapRows(frame: FrameLocator, layer: number, run = 0): Promise<{ rows: number; cols: number; distinctRows: number }> {
  return frame.locator(`.run-${run} .heatmap[data-layer="${layer}"] canvas.hm-weights`).evaluate((node) => {
    const c = node as unknown as Canvas2D;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<string>();
    for (let r = 0; r < c.height; r++) seen.add(Array.from(d.subarray(r * c.width * 4, (r + 1) * c.width * 4)).join(','));
    return { rows: c.height, cols: c.width, distinctRows: seen.size };
  });
}

/** What measurePanel reports: frames, paint times (ms) and snapshot-to-pixels latency (ms). */
export interface PanelFigures {
  fps: number;
  longestFrameMs: number;
  paints: number;
  snapshots: number;
  paintMsMean: number;
  paintMsMax: number;
  latencyMsMedian: number;
  latencyMsP95: number;
  /** Main-thread time per second spent on charts and on thumbnails/boundary/histograms. */
  chartMsPerSecond: number;
  planeMsPerSecond: number;
  /** Heatmaps of 256x256 found and the mean time to repaint all of them once. */
  fourHeatmaps256: number;
  paintMsFour256: number;
  paintMsFour256Min: number;
  paintMsFour256Median: number;
  allHeatmaps: number;
  paintMsAll: number;
  paintMsAllMin: number;
}

/**
 * Measures inside the webview for `ms` while training: animation frames per second, the panel's own
 * paint timings and latencies (window.__visualizeInitPerf), then 40 repaints of the 256x256 heatmaps.
 */
export async function measurePanel(frame: FrameLocator, ms: number): Promise<PanelFigures> {
  return frame.locator('body').evaluate(async (_body, duration) => {
    type Perf = { paints: number; paintMsTotal: number; paintMsMax: number; latencies: number[]; snapshots: number; chartMsTotal: number; planeMsTotal: number;
      benchPaint(n: number, rows?: number, cols?: number): { heatmaps: number; msPerPaint: number; msMin: number; msMedian: number } };
    const g = globalThis as unknown as { __visualizeInitPerf: Perf; requestAnimationFrame(cb: (t: number) => void): number; performance: { now(): number } };
    const p = g.__visualizeInitPerf;
    p.paints = 0; p.paintMsTotal = 0; p.paintMsMax = 0; p.latencies.length = 0; p.snapshots = 0; p.chartMsTotal = 0; p.planeMsTotal = 0;
    const t0 = g.performance.now();
    let frames = 0, longest = 0, last = t0;
    // A plain loop: tsx would wrap a named callback in a helper the page does not have.
    for (;;) {
      const t = await new Promise<number>((resolve) => g.requestAnimationFrame(resolve));
      frames++;
      longest = Math.max(longest, t - last);
      last = t;
      if (t - t0 >= duration) break;
    }
    const seconds = (g.performance.now() - t0) / 1000;
    const lat = [...p.latencies].sort((a, b) => a - b);
    const chartMsPerSecond = p.chartMsTotal / seconds, planeMsPerSecond = p.planeMsTotal / seconds;
    const paints = p.paints, paintMsMean = paints ? p.paintMsTotal / paints : NaN, paintMsMax = p.paintMsMax, snapshots = p.snapshots;
    const four = p.benchPaint(60, 256, 256);
    const all = p.benchPaint(60);
    return {
      fps: frames / seconds, longestFrameMs: longest, paints, snapshots, paintMsMean, paintMsMax, chartMsPerSecond, planeMsPerSecond,
      latencyMsMedian: lat[Math.floor(lat.length / 2)] ?? NaN, latencyMsP95: lat[Math.floor(lat.length * 0.95)] ?? NaN,
      fourHeatmaps256: four.heatmaps, paintMsFour256: four.msPerPaint, paintMsFour256Min: four.msMin, paintMsFour256Median: four.msMedian,
      allHeatmaps: all.heatmaps, paintMsAll: all.msPerPaint, paintMsAllMin: all.msMin,
    };
  }, ms);
}
