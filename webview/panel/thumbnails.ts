// For 2-D datasets: each hidden unit's output over the input plane as a small thumbnail (identical
// thumbnails = symmetric units) and the network's decision boundary with the data points.
import type { ActivationName } from '../../src/core/trainer/activations';
import { datasetShape, type TrainConfig } from '../../src/core/trainer/config';
import { generateDataset } from '../../src/core/trainer/datasets';
import { deriveSeed } from '../../src/core/trainer/rng';
import type { Layer } from './arrays';
import { colorOf } from './colormap';
import { h } from './dom';
import { forwardAll, planeGrid } from './forward';
import type { ThemeColors } from './theme';
import { t } from '../l10n';

/** Resolution of the plane (points per side). */
const GRID = 36;
/** Most thumbnails drawn per layer (wide layers are cut with a note). */
const MAX_UNITS = 32;

/** Thumbnails of one run; empty (and hidden) for datasets that are not 2-D. */
export class PlaneView {
  /** The element to insert into the page. */
  readonly element: HTMLElement;
  private readonly boundary: HTMLCanvasElement;
  private readonly units: HTMLElement;
  private readonly grid: Float32Array;
  private readonly lo: number;
  private readonly hi: number;
  private data: { x: Float32Array; y: Float32Array; n: number; classes: number; task: string } | null = null;
  private thumbs: HTMLCanvasElement[][] = [];
  private readonly image = new ImageData(GRID, GRID);
  private readonly offscreen = document.createElement('canvas');
  /** The data points, drawn once (per theme) and stamped over the boundary on each redraw. */
  private points: HTMLCanvasElement | null = null;
  private pointsKey = '';

  constructor(private readonly config: TrainConfig) {
    const shape = datasetShape(config.dataset);
    this.lo = -1.6;
    this.hi = 1.6;
    this.grid = planeGrid(GRID, this.lo, this.hi);
    this.boundary = h('canvas', 'plane-boundary', { role: 'img', 'aria-label': t('Decision boundary with the training data') });
    this.boundary.width = 2 * GRID * 4;
    this.boundary.height = 2 * GRID * 4;
    this.units = h('div', 'plane-units');
    this.element = h('section', 'plane', { 'aria-label': t('Hidden units over the input plane') },
      h('figure', 'plane-figure', {}, h('figcaption', 'section-title', {}, t('Decision boundary')), this.boundary),
      h('div', 'plane-units-wrap', {}, h('div', 'section-title', {}, t('Each hidden unit over the input plane')), this.units));
    if (shape.inputSize !== 2) {
      this.element.hidden = true;
      return;
    }
    const ds = generateDataset(config.dataset, deriveSeed(config.dataSeed, 'data'));
    this.data = { x: ds.train.x, y: ds.train.y, n: Math.min(ds.train.n, 600), classes: shape.outputSize, task: shape.task };
  }

  /** True when the dataset has two inputs, so the plane can be drawn. */
  get enabled(): boolean {
    return this.data !== null;
  }

  /** Redraws from these weights. */
  draw(layers: readonly Layer[], theme: ThemeColors): void {
    if (!this.data || layers.length === 0 || layers[0].cols !== 2) return;
    const acts = this.config.layers.map((l) => l.activation as ActivationName);
    const n = GRID * GRID;
    const out = forwardAll(layers, acts, this.grid, n);
    this.ensureThumbs(layers);
    for (let l = 0; l < layers.length - 1; l++) {
      const rows = layers[l].rows;
      const a = out[l];
      for (let u = 0; u < Math.min(rows, MAX_UNITS); u++) {
        let maxAbs = 1e-6;
        for (let s = 0; s < n; s++) maxAbs = Math.max(maxAbs, Math.abs(a[s * rows + u]));
        const canvas = this.thumbs[l][u];
        const ctx = canvas.getContext('2d');
        if (!ctx) continue;
        const img = this.image;
        const px = new Uint32Array(img.data.buffer);
        // Colour by the unit's output; a fixed range per activation keeps constant units comparable.
        const limit = acts[l] === 'relu' || acts[l] === 'linear' || acts[l] === 'leakyRelu' || acts[l] === 'gelu' ? maxAbs : 1;
        const centre = acts[l] === 'sigmoid' ? 0.5 : 0;
        for (let s = 0; s < n; s++) px[s] = colorOf((a[s * rows + u] - centre) * (acts[l] === 'sigmoid' ? 2 : 1), limit);
        ctx.putImageData(img, 0, 0);
      }
    }
    this.drawBoundary(out[out.length - 1], layers[layers.length - 1].rows, theme);
  }

  private ensureThumbs(layers: readonly Layer[]): void {
    const shape = layers.slice(0, -1).map((l) => Math.min(l.rows, MAX_UNITS));
    if (this.thumbs.length === shape.length && this.thumbs.every((t, i) => t.length === shape[i])) return;
    this.thumbs = [];
    const rowsEls: HTMLElement[] = [];
    shape.forEach((count, l) => {
      const canvases: HTMLCanvasElement[] = [];
      for (let u = 0; u < count; u++) {
        const c = h('canvas', 'thumb', { title: t('Layer {0}, unit {1}', l + 1, u + 1) });
        c.width = GRID;
        c.height = GRID;
        canvases.push(c);
      }
      this.thumbs.push(canvases);
      const more = layers[l].rows > count ? [h('span', 'thumb-more', {}, t('+{0} more', layers[l].rows - count))] : [];
      rowsEls.push(h('div', 'thumb-row', { role: 'img', 'aria-label': t('Layer {0}: {1} unit outputs over the input plane', l + 1, layers[l].rows) },
        h('span', 'thumb-label', {}, t('L{0}', l + 1)), ...canvases, ...more));
    });
    this.units.replaceChildren(...rowsEls);
  }

  private drawBoundary(out: Float32Array, width: number, theme: ThemeColors): void {
    const ctx = this.boundary.getContext('2d');
    const data = this.data;
    if (!ctx || !data) return;
    const size = this.boundary.width;
    const img = this.image;
    const px = new Uint32Array(img.data.buffer);
    for (let s = 0; s < GRID * GRID; s++) {
      let v: number;
      if (width === 1) v = data.task === 'binary' ? (out[s] - 0.5) * 2 : out[s];
      else {
        let best = 0;
        for (let j = 1; j < width; j++) if (out[s * width + j] > out[s * width + best]) best = j;
        v = best % 2 === 0 ? -0.6 : 0.6;
      }
      px[s] = colorOf(v, 1) & 0x99ffffff;
    }
    const off = this.offscreen;
    if (off.width !== GRID) {
      off.width = GRID;
      off.height = GRID;
    }
    off.getContext('2d')?.putImageData(img, 0, 0);
    ctx.clearRect(0, 0, size, size);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(off, 0, 0, size, size);
    ctx.drawImage(this.pointsLayer(size, theme), 0, 0);
  }

  private pointsLayer(size: number, theme: ThemeColors): HTMLCanvasElement {
    const key = `${size}|${theme.series.join(',')}`;
    if (this.points && this.pointsKey === key) return this.points;
    const layer = this.points ?? document.createElement('canvas');
    layer.width = size;
    layer.height = size;
    const ctx = layer.getContext('2d');
    const data = this.data;
    if (ctx && data) {
      const scale = size / (this.hi - this.lo);
      for (let i = 0; i < data.n; i++) {
        const x = (data.x[2 * i] - this.lo) * scale, y = (this.hi - data.x[2 * i + 1]) * scale;
        let cls: number;
        if (data.classes === 1) cls = data.task === 'binary' ? (data.y[i] > 0.5 ? 1 : 0) : (data.y[i] > 0 ? 1 : 0);
        else { cls = 0; for (let j = 1; j < data.classes; j++) if (data.y[i * data.classes + j] > data.y[i * data.classes + cls]) cls = j; }
        ctx.beginPath();
        ctx.arc(x, y, 2.2, 0, 2 * Math.PI);
        ctx.fillStyle = cls === 0 ? '#2166ac' : cls === 1 ? '#b2182b' : theme.series[cls % theme.series.length];
        ctx.fill();
        ctx.lineWidth = 0.8;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
      }
    }
    this.points = layer;
    this.pointsKey = key;
    return layer;
  }
}
