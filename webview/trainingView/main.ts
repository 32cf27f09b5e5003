// The Training side view: the session's runs at a glance. Small heatmaps per layer (one row per
// unit) with "distinct units k of n", a loss sparkline, step and speed, and transport buttons that
// drive the host's one training session. At most one paint per animation frame.
import { fillColors, layerLimit, pixelsOf } from '../panel/colormap';
import type { LayerWeights, RunState } from '../../src/shared/trainerProtocol';
import type { Metrics } from '../../src/core/trainer/index';
import type { FromTrainingViewMessage, ToTrainingViewMessage, TrainingViewRun } from '../../src/shared/trainingViewProtocol';
import { crashNotice } from '../crashNotice';
import { formatCount, pageNumbers, t } from '../l10n';

declare function acquireVsCodeApi(): { postMessage(message: FromTrainingViewMessage): void };
const vscode = acquireVsCodeApi();

/** Points kept per loss sparkline. */
const SPARK_POINTS = 120;
const SVG_NS = 'http://www.w3.org/2000/svg';

function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** One layer's small heatmap and its distinct-units caption. */
interface LayerView {
  canvas: HTMLCanvasElement;
  caption: HTMLElement;
  units: number;
}

/** One run's block. */
interface RunView {
  spec: TrainingViewRun;
  root: HTMLElement;
  state: HTMLElement;
  loss: HTMLElement;
  spark: SVGPolylineElement;
  layers: LayerView[];
  losses: number[];
  /** Step of the last loss point. */
  lossStep: number;
  step: number;
  stepsPerSecond: number;
  runState: RunState;
  pendingLayers?: LayerWeights[];
}

const app = document.getElementById('app') as HTMLElement;
const toolbar = h('div', 'toolbar');
/** 16x16 icon paths (filled), drawn in the button's text colour. */
const ICONS = {
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M4 2.5h3v11H4zM9 2.5h3v11H9z',
  step: 'M3 2.5v11l7-5.5zM11 2.5h2v11h-2z',
  reset: 'M8 2.5a5.5 5.5 0 1 1-5.3 7h1.6A4 4 0 1 0 5.2 5.2L7 7H2.5V2.5l1.6 1.6A5.5 5.5 0 0 1 8 2.5z',
  openPanel: 'M2 2.5h6V4H3.5v8.5H12V8h1.5v6H2zM9.5 1.5h5v5L12.7 4.7 8.8 8.6 7.4 7.2l3.9-3.9z',
};
const buttons = {
  play: button('play', 'play', t('Play'), true),
  step: button('step', 'step', t('Step')),
  reset: button('reset', 'reset', t('Reset')),
  openPanel: button('openPanel', 'openPanel', t('Open panel')),
};
const stats = h('div', 'stats');
toolbar.append(buttons.play, buttons.step, buttons.reset, buttons.openPanel, stats);
stats.id = 'stats';
stats.setAttribute('aria-live', 'polite');
const empty = h('p', 'empty');
empty.id = 'empty';
const runsBox = h('div', 'runs');
const banner = h('p', 'banner');
banner.hidden = true;
app.append(toolbar, stats, banner, empty, runsBox);

let views: RunView[] = [];
let playing = false;
let frameRequested = false;

function icon(name: keyof typeof ICONS): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

function button(id: FromTrainingViewMessage['type'], iconName: keyof typeof ICONS, label: string, withText = false): HTMLButtonElement {
  const b = h('button', withText ? 'tb' : 'tb icon-only');
  b.id = id;
  b.title = label;
  b.setAttribute('aria-label', label);
  b.append(icon(iconName));
  if (withText) b.append(h('span', 'label', label));
  b.addEventListener('click', () => {
    banner.hidden = true;
    if (id === 'play') vscode.postMessage({ type: playing ? 'pause' : 'play' });
    else vscode.postMessage({ type: id });
  });
  return b;
}

function setPlaying(p: boolean): void {
  playing = p;
  const b = buttons.play;
  b.querySelector('svg')?.replaceWith(icon(p ? 'pause' : 'play'));
  (b.querySelector('.label') as HTMLElement).textContent = p ? t('Pause') : t('Play');
  b.title = p ? t('Pause') : t('Play');
  b.setAttribute('aria-label', b.title);
}

function layout(runs: TrainingViewRun[], defaultTitle: string): void {
  runsBox.replaceChildren();
  views = runs.map((spec, i) => {
    const root = h('section', `run run-${i}`);
    const head = h('div', 'run-head');
    const title = h('span', 'run-label', spec.label);
    const state = h('span', 'run-state', stateText('paused'));
    head.append(title, state);
    const lossRow = h('div', 'loss-row');
    const loss = h('span', 'loss', t('loss {0}', '–'));
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('viewBox', `0 0 ${SPARK_POINTS - 1} 20`);
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', t('Loss of {0}', spec.label));
    const spark = document.createElementNS(SVG_NS, 'polyline');
    svg.append(spark);
    lossRow.append(loss, svg);
    const grid = h('div', 'layers');
    const layers = spec.units.map((units, l): LayerView => {
      const cell = h('figure', 'layer');
      const canvas = h('canvas', 'hm');
      canvas.dataset.layer = String(l);
      canvas.style.height = `${Math.min(40, Math.max(6, units * 2.5))}px`;
      const caption = h('figcaption', 'distinct', t('L{0}: distinct units {1} of {2}', l + 1, '–', units));
      caption.dataset.layer = String(l);
      cell.append(canvas, caption);
      grid.append(cell);
      return { canvas, caption, units };
    });
    root.append(head, lossRow, grid);
    runsBox.append(root);
    return { spec, root, state, loss, spark, layers, losses: [], lossStep: 0, step: 0, stepsPerSecond: 0, runState: 'paused' };
  });
  empty.hidden = runs.length > 0;
  // The host sends the preset's English title, the key of its translation.
  empty.textContent = t('Nothing is training. Play starts "{0}", or open the panel to pick a preset.', t(defaultTitle));
  buttons.step.disabled = buttons.reset.disabled = runs.length === 0;
  renderStats();
}

function renderStats(): void {
  if (!views.length) {
    stats.textContent = '';
    return;
  }
  const step = Math.max(...views.map((v) => v.step));
  const speed = Math.max(...views.map((v) => v.stepsPerSecond));
  stats.textContent = playing && speed > 0 ? t('step {0} · {1} steps/s', formatCount(step), formatCount(Math.round(speed))) : t('step {0}', formatCount(step));
  stats.dataset.step = String(step);
}

/** Paints one layer's weights with the panel's colours: its colormap and its limit (shared with the biases, whose column the panel shows). */
function paintLayer(layer: LayerView, w: LayerWeights): void {
  const { rows, cols } = w;
  if (layer.canvas.width !== cols || layer.canvas.height !== rows) {
    layer.canvas.width = cols;
    layer.canvas.height = rows;
  }
  const ctx = layer.canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(cols, rows);
  fillColors(pixelsOf(image), w.weights, layerLimit(w.weights, w.biases));
  ctx.putImageData(image, 0, 0);
}

function paint(): void {
  frameRequested = false;
  for (const v of views) {
    if (!v.pendingLayers) continue;
    v.pendingLayers.forEach((w, l) => {
      if (v.layers[l]) paintLayer(v.layers[l], w);
    });
    v.pendingLayers = undefined;
  }
}

function requestPaint(): void {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(paint);
}

function onMetrics(v: RunView, state: RunState, stepsPerSecond: number, m: Metrics): void {
  // A metrics step below the last one means the run was reset (snapshots run ahead of metrics, so compare metrics with metrics).
  if (m.step < v.lossStep) v.losses = [];
  v.lossStep = m.step;
  v.step = Math.max(v.step, m.step);
  v.stepsPerSecond = stepsPerSecond;
  showState(v, state);
  if (Number.isFinite(m.trainLoss)) {
    v.losses.push(m.trainLoss);
    if (v.losses.length > SPARK_POINTS) v.losses.splice(0, v.losses.length - SPARK_POINTS);
    v.loss.textContent = t('loss {0}', pageNumbers().fixed(m.trainLoss, 3));
    drawSpark(v);
  }
  m.layers.forEach((lm, l) => {
    const layer = v.layers[l];
    if (!layer) return;
    const k = lm.symmetry.distinctUnits;
    layer.caption.textContent = t('L{0}: distinct units {1} of {2}', l + 1, k, layer.units);
    layer.caption.classList.toggle('symmetric', k === 1 && layer.units > 1);
    layer.canvas.setAttribute('aria-label', layer.units === 1 ? t('{0}, 1 unit, {1} distinct', t('Layer {0}', l + 1), k) : t('{0}, {1} units, {2} distinct', t('Layer {0}', l + 1), layer.units, k));
  });
  renderStats();
}

function drawSpark(v: RunView): void {
  const n = v.losses.length;
  const max = Math.max(...v.losses), min = Math.min(...v.losses);
  const span = max - min || 1;
  (v.spark.ownerSVGElement as SVGSVGElement).setAttribute('viewBox', `0 0 ${Math.max(1, n - 1)} 20`);
  v.spark.setAttribute('points', v.losses.map((y, x) => `${x},${(19 - ((y - min) / span) * 18).toFixed(2)}`).join(' '));
}

function showState(v: RunView, state: RunState): void {
  v.runState = state;
  v.state.textContent = stateText(state);
  v.state.dataset.state = state;
  const anyRunning = views.some((x) => x.runState === 'running');
  if (anyRunning !== playing) setPlaying(anyRunning);
}

window.addEventListener('message', (event: MessageEvent<ToTrainingViewMessage>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'runs':
      layout(m.runs, m.defaultTitle);
      setPlaying(m.playing && m.runs.length > 0);
      renderStats();
      return;
    case 'snapshot': {
      const v = views[m.run];
      if (!v) return;
      v.pendingLayers = m.layers;
      if (m.step > v.step) {
        v.step = m.step;
        renderStats();
      }
      requestPaint();
      return;
    }
    case 'metrics': {
      const v = views[m.run];
      if (v) onMetrics(v, m.state, Number(m.stepsPerSecond) || 0, m.metrics);
      return;
    }
    case 'status': {
      const v = views[m.run];
      if (!v) return;
      if (m.step < v.step) {
        v.losses = [];
        v.lossStep = 0;
        v.spark.setAttribute('points', '');
      }
      v.step = m.step;
      showState(v, m.state);
      renderStats();
      return;
    }
    case 'diverged': {
      const v = views[m.run];
      if (v) showState(v, 'diverged');
      showBanner(v ? t('"{0}" diverged at step {1}.', v.spec.label, formatCount(m.step)) : t('A run diverged at step {0}.', formatCount(m.step)));
      return;
    }
    case 'error':
      showBanner(m.message);
      return;
    case 'workerCrashed':
      showBanner(crashNotice(m).text);
      return;
    default:
      return;
  }
});

/** What a run state reads as. */
function stateText(state: RunState): string {
  switch (state) {
    case 'running': return t('running');
    case 'paused': return t('paused');
    case 'diverged': return t('diverged');
    case 'stopped': return t('stopped');
  }
}

function showBanner(text: string): void {
  banner.textContent = text;
  banner.hidden = false;
}

layout([], '');
vscode.postMessage({ type: 'ready' });
