// The PNG export's layout: every heatmap comes with its colour bar, tick marks and tick labels, the
// layer titles and run headings are there, and nothing overlaps or falls outside the image.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPORT_FONT_PX, exportLayout, type Box, type ExportItem, type ExportRunInput } from '../../../webview/panel/exportLayout';

/** A monospace stand-in for canvas text measurement. */
const measure = (t: string, font: keyof typeof EXPORT_FONT_PX): number => t.length * EXPORT_FONT_PX[font] * 0.6;

const heatmap = (title: string, weightsWidth: number, height: number, limit: number) =>
  ({ title, note: 'distinct units: 1 of 16', weightsWidth, height, biasWidth: 8, limit });

/** The compare layout: two runs, three layers each, including a short output layer (1 row). */
const RUNS: ExportRunInput[] = [
  { heading: 'Constant 0.5 — step 120', heatmaps: [heatmap('Layer 1 · 16 × 2 · tanh', 20, 160, 0.5), heatmap('Layer 2 · 16 × 16 · tanh', 160, 160, 2.5), heatmap('Output layer · 1 × 16 · sigmoid', 160, 10, 1)] },
  { heading: 'He normal — step 120', heatmaps: [heatmap('Layer 1 · 16 × 2 · relu', 20, 160, 5), heatmap('Layer 2 · 16 × 16 · relu', 160, 160, 0.001), heatmap('Output layer · 1 × 16 · sigmoid', 160, 10, NaN)] },
];

type Of<K extends ExportItem['kind']> = ExportItem & { kind: K };
const of = <K extends ExportItem['kind']>(items: ExportItem[], kind: K): Of<K>[] => items.filter((i): i is Of<K> => i.kind === kind);
const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const describe = (i: ExportItem): string => `${i.kind}${i.kind === 'text' ? ` "${i.text}"` : ''} at ${i.x},${i.y} ${i.w}x${i.h}`;

test('every heatmap has a colour bar beside its bias column, top-aligned and at least as tall', () => {
  const { items } = exportLayout(RUNS, measure);
  const weights = of(items, 'weights'), bias = of(items, 'bias'), bars = of(items, 'colorbar');
  assert.equal(weights.length, 6);
  assert.equal(bias.length, 6);
  assert.equal(bars.length, 6, 'one colour bar per heatmap');
  weights.forEach((w, i) => {
    const hm = RUNS[w.run].heatmaps[w.layer];
    assert.deepEqual([w.w, w.h], [hm.weightsWidth, hm.height], 'the heatmap keeps its on-screen size');
    const b = bias[i], bar = bars[i];
    assert.ok(b.x >= w.x + w.w && b.y === w.y && b.h === w.h, 'bias column right of the weights');
    assert.ok(bar.x >= b.x + b.w, `bar ${i} is right of its bias column`);
    assert.equal(bar.y, w.y);
    assert.ok(bar.h >= w.h);
    assert.ok(bar.w >= 6, 'the bar is wide enough to read its colours');
  });
});

test('each colour bar has three tick marks (top, middle, bottom) labelled +limit, 0, −limit beside them', () => {
  const { items } = exportLayout(RUNS, measure);
  const bars = of(items, 'colorbar'), ticks = of(items, 'tick'), texts = of(items, 'text');
  assert.equal(ticks.length, 3 * bars.length);
  const expected = [['+0.5', '0', '−0.5'], ['+2.5', '0', '−2.5'], ['+1', '0', '−1'], ['+5', '0', '−5'], ['+0.001', '0', '−0.001'], ['+1', '0', '−1']];
  bars.forEach((bar, i) => {
    const mine = ticks.filter((t) => t.x === bar.x + bar.w && t.y >= bar.y && t.y < bar.y + bar.h);
    assert.equal(mine.length, 3, `bar ${i} has its own three ticks`);
    assert.deepEqual(mine.map((t) => t.y), [bar.y, bar.y + Math.round((bar.h - 1) / 2), bar.y + bar.h - 1]);
    mine.forEach((tick, k) => {
      // The label right of the tick whose line contains the tick's height.
      const label = texts.find((t) => t.text === expected[i][k] && t.x >= tick.x + tick.w && t.x <= tick.x + tick.w + 8 && t.y <= tick.y && tick.y <= t.y + t.h);
      assert.ok(label, `bar ${i}: label ${expected[i][k]} beside tick ${k}`);
      assert.ok(label.muted === true && label.font === 'small');
    });
  });
});

test('run headings, layer titles, distinct-unit notes and axis captions are in the image, in reading order', () => {
  const { items } = exportLayout(RUNS, measure);
  const texts = of(items, 'text');
  const find = (s: string): Of<'text'>[] => texts.filter((t) => t.text === s);
  const [h1] = find('Constant 0.5 — step 120'), [h2] = find('He normal — step 120');
  assert.ok(h1 && h2 && h1.font === 'heading' && h2.y > h1.y, 'the second run is below the first');
  for (const run of RUNS) {
    let lastX = -1;
    for (const hm of run.heatmaps) {
      const [title] = find(hm.title);
      assert.ok(title && title.font === 'title', hm.title);
      assert.ok(title.x > lastX, 'layers left to right');
      lastX = title.x;
    }
  }
  assert.equal(find('distinct units: 1 of 16').length, 6);
  assert.equal(find('b').length, 6, 'every bias column is captioned');
  // "inputs" fits under the 160 px wide heatmaps, not under the 20 px ones.
  assert.equal(find('inputs').length, 4);
  of(items, 'weights').forEach((w) => {
    const title = find(RUNS[w.run].heatmaps[w.layer].title).find((t) => t.x === w.x && t.y + t.h <= w.y && w.y - t.y < 30);
    assert.ok(title, `run ${w.run} layer ${w.layer}: its title sits just above its heatmap`);
  });
});

test('nothing overlaps and everything lies inside the image, also for a single 1-row layer', () => {
  const cases: ExportRunInput[][] = [RUNS, [{ heading: 'x', heatmaps: [heatmap('Output layer · 1 × 2 · sigmoid', 20, 10, 1)] }], [{ heading: 'empty', heatmaps: [] }]];
  for (const runs of cases) {
    const { width, height, items } = exportLayout(runs, measure);
    for (const i of items) assert.ok(i.x >= 0 && i.y >= 0 && i.x + i.w <= width && i.y + i.h <= height, `${describe(i)} inside ${width}x${height}`);
    for (let a = 0; a < items.length; a++) {
      for (let b = a + 1; b < items.length; b++) assert.ok(!overlap(items[a], items[b]), `${describe(items[a])} overlaps ${describe(items[b])}`);
    }
  }
});
