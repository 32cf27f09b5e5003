// Exports: the current heatmaps (with their colour bars) as one PNG (a data URL) and the current
// weights as JSON text, both handed to the host with a `save` message.
import type { PanelRunSpec } from '../../src/shared/panelProtocol';
import type { Layer } from './arrays';
import { LUT_SIZE, lutCss } from './colormap';
import { EXPORT_FONT_PX, exportLayout, type ExportFont } from './exportLayout';
import type { LayerHeatmap } from './heatmap';
import type { ThemeColors } from './theme';
import { formatCount, t } from '../l10n';

/** Pixels per CSS pixel of the export: sharp text and cells when zoomed or printed. */
const EXPORT_SCALE = 2;

/** Draws every run's heatmaps with titles, colour bars and tick labels on one canvas; returns a PNG data URL. */
export function heatmapsPng(runs: { label: string; step: number; heatmaps: LayerHeatmap[] }[], theme: ThemeColors): string {
  const family = getComputedStyle(document.body).fontFamily;
  const font = (f: ExportFont): string => `${f === 'small' ? '' : '600 '}${EXPORT_FONT_PX[f]}px ${family}`;
  const measure = document.createElement('canvas').getContext('2d');
  const textWidth = (t: string, f: ExportFont): number => {
    if (!measure) return t.length * EXPORT_FONT_PX[f] * 0.6;
    measure.font = font(f);
    return measure.measureText(t).width;
  };
  const layout = exportLayout(runs.map((r) => ({
    heading: t('{0} — step {1}', r.label, formatCount(r.step)),
    heatmaps: r.heatmaps.map((hm) => ({
      title: `${hm.title} · ${hm.shape}`,
      note: hm.distinctText,
      weightsWidth: hm.weightsCanvas.clientWidth || hm.weightsCanvas.width * 8,
      height: hm.weightsCanvas.clientHeight || hm.weightsCanvas.height * 8,
      biasWidth: hm.biasCanvas.clientWidth || 8,
      limit: hm.limit,
    })),
  })), textWidth);
  const canvas = document.createElement('canvas');
  canvas.width = layout.width * EXPORT_SCALE;
  canvas.height = layout.height * EXPORT_SCALE;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas.toDataURL('image/png');
  ctx.scale(EXPORT_SCALE, EXPORT_SCALE);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.imageSmoothingEnabled = false;
  ctx.textBaseline = 'top';
  for (const item of layout.items) {
    switch (item.kind) {
      case 'text':
        ctx.font = font(item.font);
        ctx.fillStyle = item.muted ? theme.muted : theme.foreground;
        ctx.fillText(item.text, item.x, item.y + 2);
        break;
      case 'weights':
      case 'bias': {
        const hm = runs[item.run].heatmaps[item.layer];
        ctx.drawImage(item.kind === 'weights' ? hm.weightsCanvas : hm.biasCanvas, item.x, item.y, item.w, item.h);
        break;
      }
      case 'colorbar':
        // Top = +limit (the last LUT entry), one LUT colour per device pixel row.
        for (let row = 0, n = item.h * EXPORT_SCALE; row < n; row++) {
          ctx.fillStyle = lutCss(Math.round((1 - row / Math.max(1, n - 1)) * (LUT_SIZE - 1)));
          ctx.fillRect(item.x, item.y + row / EXPORT_SCALE, item.w, 1 / EXPORT_SCALE);
        }
        break;
      case 'tick':
        ctx.fillStyle = theme.muted;
        ctx.fillRect(item.x, item.y, item.w, item.h);
        break;
    }
  }
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
