// Exports: the current heatmaps as one PNG (a data URL) and the current weights as JSON text,
// both handed to the host with a `save` message.
import type { PanelRunSpec } from '../../src/shared/panelProtocol';
import type { Layer } from './arrays';
import type { LayerHeatmap } from './heatmap';
import type { ThemeColors } from './theme';

/** Draws every run's heatmaps side by side, with titles, on one canvas and returns a PNG data URL. */
export function heatmapsPng(runs: { label: string; step: number; heatmaps: LayerHeatmap[] }[], theme: ThemeColors): string {
  const pad = 16, title = 22, gap = 24;
  const sizes = runs.map((r) => r.heatmaps.map((hm) => ({ w: hm.weightsCanvas.clientWidth || hm.weightsCanvas.width * 8, h: hm.weightsCanvas.clientHeight || hm.weightsCanvas.height * 8 })));
  const rowH = sizes.map((s) => Math.max(40, ...s.map((x) => x.h)) + title + 18);
  const rowW = sizes.map((s) => s.reduce((a, x) => a + Math.max(x.w, 70) + gap, 0));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(pad * 2 + Math.max(200, ...rowW));
  canvas.height = Math.ceil(pad * 2 + rowH.reduce((a, b) => a + b, 0));
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas.toDataURL('image/png');
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  const font = getComputedStyle(document.body).fontFamily;
  let y = pad;
  runs.forEach((run, r) => {
    ctx.fillStyle = theme.foreground;
    ctx.font = `600 13px ${font}`;
    ctx.fillText(`${run.label} — step ${run.step}`, pad, y + 14);
    let x = pad;
    run.heatmaps.forEach((hm, i) => {
      const { w, h } = sizes[r][i];
      ctx.font = `11px ${font}`;
      ctx.fillStyle = theme.muted;
      const g = hm.groups;
      ctx.fillText(`${hm.title}${g ? ` (${g.distinct} distinct)` : ''}`, x, y + title + 10);
      ctx.drawImage(hm.weightsCanvas, x, y + title + 16, w, h);
      x += Math.max(w, 70) + gap;
    });
    y += rowH[r];
  });
  return canvas.toDataURL('image/png');
}

/** JSON text of the current weights of every run, with the configs that produced them. */
export function weightsJson(runs: { spec: PanelRunSpec; step: number; layers: Layer[] }[]): string {
  return JSON.stringify({
    format: 'visualize-init-weights',
    version: 1,
    runs: runs.map((r) => ({
      label: r.spec.label,
      step: r.step,
      config: r.spec.config,
      layers: r.layers.map((l) => ({ rows: l.rows, cols: l.cols, weights: Array.from(l.weights), biases: Array.from(l.biases) })),
    })),
  }, null, 1);
}
