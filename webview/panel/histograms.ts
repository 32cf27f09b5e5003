// Activation histograms per hidden layer: the network's activations on a sample of the training
// data, recomputed in the webview from the snapshot weights (saturation and dead units show up as
// spikes at the ends, a collapsed layer as a single bar).
import type { ActivationName } from '../../src/core/trainer/activations';
import { datasetShape, type TrainConfig } from '../../src/core/trainer/config';
import { generateDataset } from '../../src/core/trainer/datasets';
import { deriveSeed } from '../../src/core/trainer/rng';
import type { Layer } from './arrays';
import { fmt, h, setText } from './dom';
import { forwardAll } from './forward';
import type { ThemeColors } from './theme';
import { t } from '../l10n';

/** Most samples fed through the network for the histograms. */
const SAMPLES = 256;
/** Budget of multiply-adds per redraw, so wide networks do not stall the webview's frames. */
const MAC_BUDGET = 2_000_000;
/** Fewest samples, whatever the network's size. */
const MIN_SAMPLES = 8;
/** Bars per histogram. */
const BINS = 32;

/** Fixed range of an activation's output, or null when it is unbounded (then the data decides). */
function range(act: ActivationName): [number, number] | null {
  switch (act) {
    case 'tanh': return [-1, 1];
    case 'sigmoid': return [0, 1];
    default: return null;
  }
}

/** One small histogram per hidden layer of a run. */
export class ActivationHistograms {
  /** The element to insert into the page. */
  readonly element: HTMLElement;
  private readonly x: Float32Array;
  private readonly n: number;
  private canvases: HTMLCanvasElement[] = [];
  private labels: HTMLElement[] = [];
  private readonly row: HTMLElement;

  constructor(private readonly config: TrainConfig) {
    const shape = datasetShape(config.dataset);
    const samples = Math.min(config.dataset.samples, 2000);
    const ds = generateDataset({ ...config.dataset, samples }, deriveSeed(config.dataSeed, 'data'));
    let params = 0, fanIn = shape.inputSize;
    for (const l of config.layers) { params += l.units * fanIn; fanIn = l.units; }
    this.n = Math.min(ds.train.n, Math.max(MIN_SAMPLES, Math.min(SAMPLES, Math.floor(MAC_BUDGET / Math.max(1, params)))));
    this.x = ds.train.x.subarray(0, this.n * shape.inputSize);
    this.row = h('div', 'hist-row');
    this.element = h('section', 'hists', { 'aria-label': t('Activation histograms per hidden layer') },
      h('div', 'section-title', {}, t('Activations per hidden layer ({0} training samples)', this.n)), this.row);
  }

  /** Recomputes and redraws from these weights. */
  draw(layers: readonly Layer[], theme: ThemeColors): void {
    const hidden = layers.length - 1;
    if (hidden < 1) { this.element.hidden = true; return; }
    const acts = this.config.layers.map((l) => l.activation as ActivationName);
    const out = forwardAll(layers, acts, this.x, this.n);
    if (this.canvases.length !== hidden) this.build(hidden);
    for (let l = 0; l < hidden; l++) {
      const a = out[l];
      let lo: number, hi: number;
      const fixed = range(acts[l]);
      if (fixed) [lo, hi] = fixed;
      else {
        lo = Infinity; hi = -Infinity;
        for (let i = 0; i < a.length; i++) { if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i]; }
        if (!(hi > lo)) { lo = Number.isFinite(lo) ? lo - 0.5 : -1; hi = lo + 1; }
      }
      const counts = new Uint32Array(BINS);
      let finite = 0;
      for (let i = 0; i < a.length; i++) {
        const v = a[i];
        if (!Number.isFinite(v)) continue;
        finite++;
        counts[Math.max(0, Math.min(BINS - 1, Math.floor(((v - lo) / (hi - lo)) * BINS)))]++;
      }
      this.paint(this.canvases[l], counts, theme.series[l % theme.series.length], theme);
      const text = t('L{0} {1} · {2} … {3}', l + 1, acts[l], fmt(lo, 2), fmt(hi, 2));
      setText(this.labels[l], finite < a.length ? t('{0} · non-finite values', text) : text);
    }
  }

  private build(hidden: number): void {
    this.canvases = [];
    this.labels = [];
    const items: HTMLElement[] = [];
    for (let l = 0; l < hidden; l++) {
      const c = h('canvas', 'hist-canvas', { role: 'img', 'aria-label': t('Histogram of layer {0} activations', l + 1) });
      const label = h('figcaption', 'hist-label');
      this.canvases.push(c);
      this.labels.push(label);
      items.push(h('figure', 'hist', {}, c, label));
    }
    this.row.replaceChildren(...items);
  }

  private paint(canvas: HTMLCanvasElement, counts: Uint32Array, color: string, theme: ThemeColors): void {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth || 150, hh = canvas.clientHeight || 56;
    if (canvas.width !== Math.round(w * dpr)) { canvas.width = Math.round(w * dpr); canvas.height = Math.round(hh * dpr); }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hh);
    let max = 1;
    for (const c of counts) max = Math.max(max, c);
    const bw = w / BINS;
    ctx.fillStyle = color;
    for (let b = 0; b < BINS; b++) {
      // Square-root scale keeps small bins visible next to a dominant spike.
      const bh = Math.sqrt(counts[b] / max) * (hh - 2);
      ctx.fillRect(b * bw + 0.5, hh - bh, Math.max(1, bw - 1), bh);
    }
    ctx.strokeStyle = theme.grid;
    ctx.beginPath();
    ctx.moveTo(0, hh - 0.5);
    ctx.lineTo(w, hh - 0.5);
    ctx.stroke();
  }
}
