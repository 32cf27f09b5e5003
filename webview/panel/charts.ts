// Small canvas line charts (loss, distinct units, gradient norms) drawn in the theme's
// --vscode-charts-* colours, crisp on high-DPI screens, with a linear or log y axis.
import { fmt, h } from './dom';
import type { ThemeColors } from './theme';
import { formatCount, t } from '../l10n';

/** One line of a chart. */
export interface Series {
  label: string;
  color: string;
  xs: readonly number[];
  ys: readonly number[];
  dashed?: boolean;
}

/** A titled line chart with a legend. */
export class LineChart {
  /** The element to insert into the page. */
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly legend: HTMLElement;
  private legendKey = '';

  constructor(title: string, private readonly options: { logY?: boolean; integerY?: boolean; minY?: number } = {}) {
    this.canvas = h('canvas', 'chart-canvas', { role: 'img', 'aria-label': title });
    this.legend = h('div', 'chart-legend');
    this.element = h('figure', 'chart', {}, h('figcaption', 'chart-title', {}, title), this.canvas, this.legend);
  }

  /** Redraws with these series. */
  draw(series: Series[], theme: ThemeColors, yMax?: number): void {
    const dpr = window.devicePixelRatio || 1;
    const cssW = this.canvas.clientWidth || 280, cssH = this.canvas.clientHeight || 120;
    if (this.canvas.width !== Math.round(cssW * dpr) || this.canvas.height !== Math.round(cssH * dpr)) {
      this.canvas.width = Math.round(cssW * dpr);
      this.canvas.height = Math.round(cssH * dpr);
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
    const logY = this.options.logY === true;
    const ty = (v: number): number => (logY ? Math.log10(Math.max(v, 1e-12)) : v);
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const s of series) {
      for (let i = 0; i < s.xs.length; i++) {
        const y = s.ys[i];
        if (!Number.isFinite(y) || (logY && y <= 0)) continue;
        x0 = Math.min(x0, s.xs[i]); x1 = Math.max(x1, s.xs[i]);
        y0 = Math.min(y0, ty(y)); y1 = Math.max(y1, ty(y));
      }
    }
    const left = 46, right = 8, top = 6, bottom = 16;
    const w = cssW - left - right, hh = cssH - top - bottom;
    ctx.font = `10px ${getComputedStyle(document.body).fontFamily}`;
    ctx.fillStyle = theme.muted;
    ctx.strokeStyle = theme.grid;
    ctx.lineWidth = 1;
    if (!Number.isFinite(x0)) {
      ctx.fillText(t('waiting for data…'), left, top + hh / 2);
      this.updateLegend(series);
      return;
    }
    if (this.options.minY !== undefined) y0 = Math.min(y0, ty(this.options.minY));
    if (yMax !== undefined) y1 = Math.max(y1, ty(yMax));
    if (y1 - y0 < 1e-9) { y0 -= logY ? 0.5 : Math.max(0.5, Math.abs(y0) * 0.1); y1 += logY ? 0.5 : Math.max(0.5, Math.abs(y1) * 0.1); }
    if (x1 === x0) x1 = x0 + 1;
    const px = (x: number): number => left + ((x - x0) / (x1 - x0)) * w;
    const py = (y: number): number => top + (1 - (ty(y) - y0) / (y1 - y0)) * hh;
    // Grid and y labels at three levels.
    ctx.beginPath();
    for (let k = 0; k <= 2; k++) {
      const yv = y0 + ((y1 - y0) * k) / 2;
      const yy = top + (1 - k / 2) * hh;
      ctx.moveTo(left, Math.round(yy) + 0.5);
      ctx.lineTo(left + w, Math.round(yy) + 0.5);
      if (this.options.integerY && k === 1 && y1 - y0 < 4) continue;
      const label = logY ? fmt(Math.pow(10, yv), 2) : this.options.integerY ? formatCount(Math.round(yv)) : fmt(yv, 2);
      ctx.textAlign = 'right';
      ctx.fillText(label, left - 4, yy + 3);
    }
    ctx.stroke();
    ctx.textAlign = 'left';
    ctx.fillText(t('step {0}', formatCount(Math.round(x0))), left, cssH - 3);
    ctx.textAlign = 'right';
    ctx.fillText(formatCount(Math.round(x1)), left + w, cssH - 3);
    ctx.textAlign = 'left';
    for (const s of series) {
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 1.5;
      ctx.setLineDash(s.dashed ? [4, 3] : []);
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < s.xs.length; i++) {
        const y = s.ys[i];
        if (!Number.isFinite(y) || (logY && y <= 0)) { pen = false; continue; }
        const X = px(s.xs[i]), Y = py(y);
        if (pen) ctx.lineTo(X, Y); else ctx.moveTo(X, Y);
        pen = true;
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    this.updateLegend(series);
  }

  private updateLegend(series: Series[]): void {
    const key = series.map((s) => `${s.label}|${s.color}|${s.dashed ? 1 : 0}`).join(';');
    if (key === this.legendKey) return;
    this.legendKey = key;
    this.legend.replaceChildren(...series.map((s) => {
      const swatch = h('span', `swatch${s.dashed ? ' dashed' : ''}`);
      swatch.style.borderColor = s.color;
      return h('span', 'legend-item', {}, swatch, s.label);
    }));
  }
}
