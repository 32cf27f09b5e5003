// Records the README's animation: the panel training "Constant 0.5 vs He normal" in the real
// workbench (code-server + chromium, driven by the e2e helpers as in scripts/screenshots.ts), cropped
// to the runs' heatmaps, a few dozen screenshots assembled into an animated PNG (scripts/apng.ts) at
// media/compare-training.png. Chromium's own image decoder then checks the file it wrote.
// Run after `npm run build`: node --import tsx scripts/capture-training.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { root } from '../test/harness/codeServer';
import { chooseOption, choosePreset, openPanel, shownStep, waitForStep } from '../test/e2e/panelSteps';
import { openSampleWorkspace, runFromPalette } from '../test/e2e/workbench';
import { encodeApng } from './apng';

const OUT = join(root, 'media', 'compare-training.png');
/** Single frames for a person to look at (git-ignored). */
const FRAMES_DIR = join(root, 'test-results', 'capture');
const FRAMES = 20;
/** Wall-clock time between screenshots; with the speed limit below it sets how far training moves per frame. */
const INTERVAL_MS = 500;
const SPEED = '100 steps/s';
/** Playback: a few frames per second, and a pause on the last frame before the loop starts over. */
const DELAY_MS = 250;
const LAST_DELAY_MS = 2500;
/** Budget: the .vsix ships the animation (the README shows it on the extension's page) and stays under 2 MB. */
const MAX_BYTES = 1_000_000;

/** The page area from the preset's lesson down to the runs' heatmaps (the input-plane views and charts
 * below would double the file: each frame is a full screenshot). */
async function runsArea(frame: FrameLocator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = async (selector: string) => {
    const b = await frame.locator(selector).first().boundingBox();
    if (!b) throw new Error(`${selector} is not on screen`);
    return b;
  };
  const lesson = await box('#lesson'), runs = await box('#runs');
  const heatmaps = await Promise.all([box('.run-0 .heatmaps'), box('.run-1 .heatmaps')]);
  const pad = 8;
  const x = Math.floor(Math.min(lesson.x, runs.x) - pad), y = Math.floor(lesson.y - pad);
  const bottom = Math.ceil(Math.max(...heatmaps.map((p) => p.y + p.height)) + pad);
  return { x, y, width: Math.ceil(runs.x + runs.width + pad - x), height: bottom - y };
}

/** Frame count and size as Chromium decodes the file: proof that a real APNG decoder reads it. */
async function decodeInBrowser(page: Page, file: Uint8Array): Promise<{ frameCount: number; width: number; height: number }> {
  return page.evaluate(async (base64) => {
    type Decoder = { tracks: { ready: Promise<void>; selectedTrack: { frameCount: number; animated: boolean } }; decode(o: { frameIndex: number }): Promise<{ image: { displayWidth: number; displayHeight: number; close(): void } }> };
    const g = globalThis as unknown as { ImageDecoder: new (o: { data: Uint8Array; type: string }) => Decoder; atob(s: string): string };
    const data = Uint8Array.from(g.atob(base64), (c) => c.charCodeAt(0));
    const decoder = new g.ImageDecoder({ data, type: 'image/png' });
    await decoder.tracks.ready;
    const { frameCount } = decoder.tracks.selectedTrack;
    // Decoding the last frame walks every fdAT before it.
    const { image } = await decoder.decode({ frameIndex: frameCount - 1 });
    const size = { frameCount, width: image.displayWidth, height: image.displayHeight };
    image.close();
    return size;
  }, Buffer.from(file).toString('base64'));
}

/** Waits until both runs show step 0 (after Reset). */
async function waitForStepZero(page: Page, frame: FrameLocator): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await shownStep(frame, 0)) !== 0 || (await shownStep(frame, 1)) !== 0) {
    if (Date.now() > deadline) throw new Error('the runs never went back to step 0 after Reset');
    await page.waitForTimeout(100);
  }
}

async function main(): Promise<void> {
  mkdirSync(FRAMES_DIR, { recursive: true });
  const workbench = await openSampleWorkspace('capture', 'Default Dark Modern');
  const { page } = workbench;
  try {
    // A moderate window with the panel using all of it: two runs side by side, little empty space.
    await page.setViewportSize({ width: 1100, height: 820 });
    await runFromPalette(page, 'View: Close Primary Side Bar');
    const frame = await openPanel(page);
    await chooseOption(frame, 'speed', SPEED);
    await choosePreset(frame, 'Constant 0.5 vs He normal');
    await waitForStep(page, frame, 1, 1);
    // Back to step 0, then play; the crop is measured once both runs show their speed, which wraps
    // their title lines into the layout every later frame has.
    await frame.locator('#reset').click();
    await waitForStepZero(page, frame);
    await page.mouse.move(5, 810); // no hover tooltip over the heatmaps
    await frame.locator('#play').click();
    for (const run of [0, 1]) await frame.locator(`.run-${run} .run-state`, { hasText: 'steps/s' }).waitFor({ timeout: 15_000 });
    const clip = await runsArea(frame);
    const frames: Uint8Array[] = [];
    const steps: number[] = [];
    for (let i = 0; i < FRAMES; i++) {
      const due = Date.now() + INTERVAL_MS;
      frames.push(await page.screenshot({ clip }));
      steps.push(await shownStep(frame, 1));
      const wait = due - Date.now();
      if (wait > 0) await page.waitForTimeout(wait);
    }
    for (const i of [0, FRAMES >> 1, FRAMES - 1]) writeFileSync(join(FRAMES_DIR, `frame-${String(i).padStart(2, '0')}.png`), frames[i]);
    const apng = encodeApng(frames, { delayMs: frames.map((_, i) => (i === FRAMES - 1 ? LAST_DELAY_MS : DELAY_MS)) });
    const decoded = await decodeInBrowser(page, apng);
    if (decoded.frameCount !== FRAMES || decoded.width !== clip.width || decoded.height !== clip.height) {
      throw new Error(`Chromium decodes ${JSON.stringify(decoded)}, expected ${FRAMES} frames of ${clip.width}x${clip.height}`);
    }
    const sizes = frames.map((f) => f.length);
    console.log(`${FRAMES} frames of ${clip.width}x${clip.height} (${Math.min(...sizes)}..${Math.max(...sizes)} bytes each), steps ${steps[0]}..${steps.at(-1)}; Chromium decodes ${decoded.frameCount} frames`);
    if (apng.length > MAX_BYTES) throw new Error(`the animation is ${apng.length} bytes, over the ${MAX_BYTES} budget: fewer frames or a smaller crop`);
    writeFileSync(OUT, apng);
    console.log(`wrote ${OUT} (${apng.length} bytes); frames to look at: ${FRAMES_DIR}`);
  } catch (err) {
    await page.screenshot({ path: join(root, 'test-results', 'capture-failure.png') }).catch(() => undefined);
    throw err;
  } finally {
    await workbench.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
