// Layout of the PNG export: where each run's heading and each layer's title, heatmap, bias column,
// axis captions, colour bar, tick marks and tick labels go. Pure (text widths come from a measure
// function), so a unit test can check that everything is inside the image and nothing overlaps.
import { colorbarTicks } from './colormap';
import { t } from '../l10n';

/** Text styles of the export; the renderer maps them to canvas fonts. */
export type ExportFont = 'heading' | 'title' | 'small';

/** Font size (CSS px) of each text style. */
export const EXPORT_FONT_PX: Readonly<Record<ExportFont, number>> = { heading: 13, title: 11, small: 10 };

/** What the layout needs to know of one layer's heatmap (sizes in CSS px, as on screen). */
export interface ExportHeatmapInput {
  /** "Layer 1 · 16 × 2 · tanh". */
  title: string;
  /** "distinct units: 1 of 16" (empty before the first paint). */
  note: string;
  weightsWidth: number;
  height: number;
  biasWidth: number;
  /** Symmetric colour limit of the painted values. */
  limit: number;
}

/** One run: its heading ("He normal — step 120") and its layers. */
export interface ExportRunInput {
  heading: string;
  heatmaps: ExportHeatmapInput[];
}

/** A rectangle in CSS px of the exported image. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Something to draw; text boxes have their top-left corner at (x, y). */
export type ExportItem =
  | ({ kind: 'text'; text: string; font: ExportFont; muted: boolean } & Box)
  | ({ kind: 'weights' | 'bias'; run: number; layer: number } & Box)
  | ({ kind: 'colorbar'; limit: number } & Box)
  | ({ kind: 'tick' } & Box);

/** The whole image: its size (CSS px) and what goes where. */
export interface ExportLayout {
  width: number;
  height: number;
  items: ExportItem[];
}

const PAD = 16;
const HEADING_GAP = 8;
const ROW_GAP = 20;
const COLUMN_GAP = 28;
const TITLE_GAP = 5;
const BIAS_GAP = 5;
const BAR_GAP = 10;
const BAR_WIDTH = 10;
const TICK_LENGTH = 4;
const LABEL_GAP = 3;

/** Line height of a text style. */
export function lineHeight(font: ExportFont): number {
  return EXPORT_FONT_PX[font] + 4;
}

/** Lays out every run as one row of heatmaps, each followed by its colour bar with labelled ticks. */
export function exportLayout(runs: readonly ExportRunInput[], measure: (text: string, font: ExportFont) => number): ExportLayout {
  const items: ExportItem[] = [];
  const text = (s: string, font: ExportFont, x: number, y: number, muted = false): number => {
    const w = Math.ceil(measure(s, font));
    items.push({ kind: 'text', text: s, font, muted, x, y, w, h: lineHeight(font) });
    return w;
  };
  const small = lineHeight('small');
  // Three tick labels stacked without touching, however short the matrix is.
  const minBar = 3 * small + 6;
  let width = 0;
  let y = PAD;
  runs.forEach((run, r) => {
    width = Math.max(width, PAD + text(run.heading, 'heading', PAD, y));
    y += lineHeight('heading') + HEADING_GAP;
    let x = PAD;
    let rowHeight = 0;
    run.heatmaps.forEach((hm, layer) => {
      const titleWidth = text(hm.title, 'title', x, y);
      const top = y + lineHeight('title') + TITLE_GAP;
      const biasX = x + hm.weightsWidth + BIAS_GAP;
      items.push({ kind: 'weights', run: r, layer, x, y: top, w: hm.weightsWidth, h: hm.height });
      items.push({ kind: 'bias', run: r, layer, x: biasX, y: top, w: hm.biasWidth, h: hm.height });
      // Axis captions as on screen; "inputs" only where it fits beside the bias caption.
      const axisY = top + hm.height + 2;
      const inputs = t('inputs'), b = t('b');
      if (measure(inputs, 'small') <= hm.weightsWidth) text(inputs, 'small', x + Math.max(0, (hm.weightsWidth - measure(inputs, 'small')) / 2), axisY, true);
      text(b, 'small', biasX + Math.max(0, (hm.biasWidth - measure(b, 'small')) / 2), axisY, true);
      const barX = biasX + hm.biasWidth + BAR_GAP;
      const barHeight = Math.max(hm.height, minBar);
      items.push({ kind: 'colorbar', limit: hm.limit, x: barX, y: top, w: BAR_WIDTH, h: barHeight });
      let labelsRight = barX + BAR_WIDTH;
      for (const tick of colorbarTicks(Number.isFinite(hm.limit) && hm.limit > 0 ? hm.limit : 1)) {
        const tickY = top + Math.round(tick.at * (barHeight - 1));
        items.push({ kind: 'tick', x: barX + BAR_WIDTH, y: tickY, w: TICK_LENGTH, h: 1 });
        const labelX = barX + BAR_WIDTH + TICK_LENGTH + LABEL_GAP;
        const labelY = Math.min(top + barHeight - small, Math.max(top, tickY - small / 2));
        labelsRight = Math.max(labelsRight, labelX + text(tick.label, 'small', labelX, labelY, true));
      }
      const bodyHeight = Math.max(hm.height + 2 + small, barHeight);
      const noteY = top + bodyHeight + 4;
      const noteWidth = hm.note ? text(hm.note, 'small', x, noteY) : 0;
      const blockWidth = Math.max(labelsRight - x, titleWidth, noteWidth);
      rowHeight = Math.max(rowHeight, noteY + (hm.note ? small : 0) - y);
      width = Math.max(width, x + blockWidth);
      x += blockWidth + COLUMN_GAP;
    });
    y += rowHeight + (r < runs.length - 1 ? ROW_GAP : 0);
  });
  return { width: Math.ceil(Math.max(240, width + PAD)), height: Math.ceil(y + PAD), items };
}
