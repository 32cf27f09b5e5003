// Exports: the current heatmaps as one PNG (a data URL) and the current weights as JSON text,
// both handed to the host with a `save` message.
import type { PanelRunSpec } from '../../src/shared/panelProtocol';
import type { Layer } from './arrays';
import type { LayerHeatmap } from './heatmap';
import type { ThemeColors } from './theme';

/** Draws every run's heatmaps side by side, with titles, on one canvas and returns a PNG data URL. */
export function heatmapsPng(runs: { label: string; step: number; heatmaps: LayerHeatmap[] }[], theme: ThemeColors): string {
  const pad = 16, head = 24, caption = 18, gap = 28, biasGap = 4;
  const font = getComputedStyle(document.body).fontFamily;
  const measure = document.createElement('canvas').getContext('2d');
  if (measure) measure.font = `11px ${font}`;
  const textWidth = (t: string): number => measure?.measureText(t).width ?? t.length * 6;
  const title = (hm: LayerHeatmap): string => `${hm.title}${hm.groups ? ` · ${hm.groups.distinct} of ${hm.groups.group.length} distinct` : ''}`;
  const cells = runs.map((r) => r.heatmaps.map((hm) => {
    const w = hm.weightsCanvas.clientWidth || hm.weightsCanvas.width * 8;
    const h = hm.weightsCanvas.clientHeight || hm.weightsCanvas.height * 8;
    const bw = hm.biasCanvas.clientWidth || 8;
    const scale = `±${Number.isFinite(hm.limit) ? hm.limit : 1}`;
    return { w, h, bw, scale, col: Math.max(w + biasGap + bw, textWidth(title(hm)), textWidth(scale)) };
  }));
  const rowH = cells.map((s) => head + caption + Math.max(40, ...s.map((x) => x.h)) + 20);
  const rowW = cells.map((s) => s.reduce((a, x) => a + x.col + gap, 0));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(pad * 2 + Math.max(240, ...rowW));
  canvas.height = Math.ceil(pad * 2 + rowH.reduce((a, b) => a + b, 0));
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas.toDataURL('image/png');
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  let y = pad;
  runs.forEach((run, r) => {
    ctx.fillStyle = theme.foreground;
    ctx.font = `600 13px ${font}`;
    ctx.fillText(`${run.label} — step ${run.step}`, pad, y + 14);
    let x = pad;
    run.heatmaps.forEach((hm, i) => {
      const c = cells[r][i];
      ctx.font = `11px ${font}`;
      ctx.fillStyle = theme.foreground;
      ctx.fillText(title(hm), x, y + head + 10);
      const top = y + head + caption;
      ctx.drawImage(hm.weightsCanvas, x, top, c.w, c.h);
      ctx.drawImage(hm.biasCanvas, x + c.w + biasGap, top, c.bw, c.h);
      ctx.fillStyle = theme.muted;
      ctx.fillText(c.scale, x, top + c.h + 14);
      x += c.col + gap;
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
