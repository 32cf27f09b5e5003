// Entry of the Visualize Init panel webview: handshake with the host, the header (preset picker,
// transport, speed, export), the runs' heatmaps, charts, timeline and settings. Paints at most
// once per animation frame, from the latest snapshot of each run (snapshots are never queued).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { Metrics } from '../../src/core/trainer/metrics';
import { PANEL_PROTOCOL_VERSION, type PanelRequest, type PanelRunSpec, type ToPanelMessage } from '../../src/shared/panelProtocol';
import { PRESETS, presetById, runsForRequest } from '../../src/shared/presets';
import type { RunState } from '../../src/shared/trainerProtocol';
import { toLayers, type Layer } from './arrays';
import { LineChart, type Series } from './charts';
import { fitOutputToDataset, renderSettings, select } from './controls';
import { el, h, setText } from './dom';
import { heatmapsPng, weightsJson } from './export';
import type { HoverInfo } from './heatmap';
import { MetricsHistory } from './history';
import { RunView } from './runView';
import { defaultState, restoreState, type UiState } from './state';
import { readTheme, watchTheme, type ThemeColors } from './theme';
import { Timeline } from './timeline';
import { getVsCodeApi } from './vscodeApi';
import { crashNotice } from '../crashNotice';
import { formatCount, t } from '../l10n';

/** Preset shown when the panel opens without a request: the comparison says it all at a glance. */
const DEFAULT_PRESET = 'compare';
/** Thumbnails, decision boundary and histograms are redrawn at most this often (ms). */
const PLANE_INTERVAL_MS = 250;
/** Speeds offered (steps per second; 0 = as fast as possible). */
const SPEEDS: readonly (readonly [string, string])[] = [['0', t('Max speed')], ...[1000, 300, 100, 30, 10, 3].map((n) => [String(n), t('{0} steps/s', n)] as const), ['1', t('1 step/s')]];

const vscode = getVsCodeApi<UiState>();
const app = document.getElementById('app') as HTMLElement;

/** Timing figures the end-to-end benchmark reads (window.__visualizeInitPerf). */
interface PerfCounters {
  paints: number;
  paintMsTotal: number;
  paintMsMax: number;
  lastPaintMs: number;
  /** Message arrival -> pixels painted, per painted snapshot (ms), last 200. */
  latencies: number[];
  snapshots: number;
  /** Time spent on the charts and on the input-plane views (thumbnails, boundary, histograms), ms. */
  chartMsTotal: number;
  planeMsTotal: number;
  /** Repaints the heatmaps of shape rows x cols (all when omitted) from the latest snapshot n times; mean ms per repaint of all of them. */
  benchPaint(n: number, rows?: number, cols?: number): { heatmaps: number; msPerPaint: number; msMin: number; msMedian: number };
}
const perf: PerfCounters = { paints: 0, paintMsTotal: 0, paintMsMax: 0, lastPaintMs: 0, latencies: [], snapshots: 0, chartMsTotal: 0, planeMsTotal: 0, benchPaint: (n, rows, cols) => benchPaint(n, rows, cols) };
(window as unknown as { __visualizeInitPerf: PerfCounters }).__visualizeInitPerf = perf;
/** Test hook for the end-to-end benchmark: start these runs as if the user had configured them. */
(window as unknown as { __visualizeInitLoad: (runs: PanelRunSpec[]) => void }).__visualizeInitLoad = (runs) => loadRuns(runs, null, t('Custom configuration.'));

let state: UiState | undefined = restoreState(vscode.getState());
let theme: ThemeColors = readTheme();
let views: RunView[] = [];
let histories: MetricsHistory[] = [];
const timeline = new Timeline();
/** Latest snapshot per run and when it arrived. */
let latest: ({ step: number; layers: Layer[]; arrived: number } | null)[] = [];
let dirtySnapshots = false;
let dirtyCharts = false;
let lastPlane = 0;
let dirtyPlane = false;
let frameRequested = false;
/** Index into the timeline being viewed, or null = live. */
let scrubIndex: number | null = null;
/** Runs just started: their messages count only after the host's status at step 0 (drops stale ones in flight). */
let awaitingStart: boolean[] = [];
/** The last error named a setting: "Start again" then falls back to a preset instead of the bad config. */
let badConfig = false;

// ---- layout -------------------------------------------------------------------------------

const presetPicker = select(t('Preset'), [['', t('Custom…')], ...PRESETS.map((p) => [p.id, t(p.title)] as const)], '', (v) => {
  if (v) loadPreset(v);
}, 'preset');
presetPicker.classList.add('preset-field');
const playButton = el('vscode-button', { id: 'play', 'aria-label': t('Pause training'), title: t('Play / pause (Space)') }, t('Pause'));
const stepButton = el('vscode-button', { id: 'step', secondary: '', 'aria-label': t('Advance one step'), title: t('One step (N)') }, t('Step'));
const resetButton = el('vscode-button', { id: 'reset', secondary: '', 'aria-label': t('Reset to step 0'), title: t('Back to step 0 (R)') }, t('Reset'));
const speedPicker = select(t('Speed'), SPEEDS, '0', (v) => {
  const n = Number(v);
  if (!state) return;
  state.speed = n > 0 ? n : null;
  save();
  vscode.postMessage({ type: 'setSpeed', stepsPerSecond: state.speed });
}, 'speed');
const pngButton = el('vscode-button', { id: 'export-png', secondary: '', 'aria-label': t('Export the heatmaps as PNG') }, t('PNG'));
const jsonButton = el('vscode-button', { id: 'export-json', secondary: '', 'aria-label': t('Export the weights as JSON') }, t('JSON'));
const header = h('header', 'toolbar', {},
  h('h1', 'brand', {}, t('Visualize Init')),
  presetPicker,
  h('div', 'transport', { role: 'group', 'aria-label': t('Training') }, playButton, stepButton, resetButton),
  speedPicker,
  h('div', 'exports', { role: 'group', 'aria-label': t('Export') }, h('span', 'exports-label', {}, t('Export')), pngButton, jsonButton));
const lesson = h('p', 'lesson', { id: 'lesson' });
const bannerText = h('span', 'banner-text');
const restartButton = el('vscode-button', { id: 'start-again' }, t('Start again'));
const banner = h('div', 'banner', { id: 'banner', role: 'alert' }, h('span', 'banner-icon', { 'aria-hidden': 'true' }, '!'), bannerText, restartButton);
banner.hidden = true;
const runsHost = h('div', 'runs', { id: 'runs' });
const lossChart = new LineChart(t('Loss (solid train, dashed test)'), { logY: true });
const distinctChart = new LineChart(t('Distinct units per hidden layer'), { integerY: true, minY: 0 });
const gradChart = new LineChart(t('Weight-gradient norm per layer'), { logY: true });
const charts = h('aside', 'charts', { 'aria-label': t('Charts') }, lossChart.element, distinctChart.element, gradChart.element);
const slider = h('input', 'timeline-slider', { id: 'timeline', type: 'range', min: '0', max: '0', value: '0', 'aria-label': t('Timeline: recorded snapshots') });
const timelineLabel = h('span', 'timeline-label', {}, t('live'));
const liveButton = el('vscode-button', { id: 'live', secondary: '', 'aria-label': t('Back to the live view') }, t('Live'));
const timelineBar = h('div', 'timeline', {}, h('span', 'section-title', {}, t('Timeline')), slider, timelineLabel, liveButton);
const settingsHost = h('div', 'settings', { id: 'settings' });
const settingsError = h('div', 'settings-error', { role: 'alert' });
const editRunHost = h('div', 'edit-run');
const collapsible = el('vscode-collapsible', { heading: t('Network and training'), id: 'settings-section' }, editRunHost, settingsError, settingsHost);
const statusLine = h('p', 'status', { id: 'status', role: 'status' }, t('Connecting to the extension host…'));
const tooltip = h('div', 'tooltip', { role: 'tooltip' });
tooltip.hidden = true;
/** Speaks the heatmap cell that the keyboard moved to (the tooltip is not read by screen readers). */
const announcer = h('div', 'sr-only', { id: 'announcer', 'aria-live': 'polite' });
const workspace = h('main', 'workspace', {}, runsHost, charts);
app.replaceChildren(header, lesson, banner, workspace, timelineBar, collapsible, statusLine, tooltip, announcer);

// ---- state and runs -----------------------------------------------------------------------

function save(): void {
  if (state) vscode.setState(state);
}

function setPresetPicker(id: string | null): void {
  const s = presetPicker.querySelector('vscode-single-select') as (HTMLElement & { value: string }) | null;
  if (s && s.value !== (id ?? '')) s.value = id ?? '';
}

/** Builds the views for the current runs (no training message is sent). */
function buildViews(withEditor = true): void {
  if (!state) return;
  const maxSide = state.runs.length > 1 ? 200 : 330;
  views = state.runs.map((spec, i) => new RunView(i, spec, showTooltip, maxSide, () => {
    dirtyPlane = true;
    scheduleFrame();
  }));
  histories = state.runs.map(() => new MetricsHistory());
  latest = state.runs.map(() => null);
  awaitingStart = state.runs.map(() => false);
  timeline.clear();
  scrubIndex = null;
  updateTimeline();
  runsHost.replaceChildren(...views.map((v) => v.element));
  runsHost.classList.toggle('compare', views.length > 1);
  workspace.classList.toggle('compare', views.length > 1);
  // Preset lessons are stored in English and translated when shown.
  setText(lesson, t(state.lesson));
  setPresetPicker(state.presetId);
  const speed = presetPickerValue(speedPicker);
  if (speed !== String(state.speed ?? 0)) setSelectValue(speedPicker, String(state.speed ?? 0));
  if (withEditor) renderEditor();
  updateTransport();
  dirtyCharts = true;
  scheduleFrame();
}

function presetPickerValue(field: HTMLElement): string {
  return (field.querySelector('vscode-single-select') as (HTMLElement & { value: string }) | null)?.value ?? '';
}

function setSelectValue(field: HTMLElement, value: string): void {
  const s = field.querySelector('vscode-single-select') as (HTMLElement & { value: string }) | null;
  if (s) s.value = value;
}

/** Sends `start` for the current runs and resets what is on screen. */
function startRuns(paused = false, withEditor = true): void {
  if (!state) return;
  badConfig = false;
  state.paused = paused;
  save();
  hideBanner();
  buildViews(withEditor);
  awaitingStart = state.runs.map(() => true);
  vscode.postMessage({ type: 'start', runs: state.runs, paused });
  if (state.speed !== null) vscode.postMessage({ type: 'setSpeed', stepsPerSecond: state.speed });
}

function loadRuns(runs: PanelRunSpec[], presetId: string | null, lessonText: string): void {
  const speed = state?.speed ?? null;
  const settingsOpen = state?.settingsOpen ?? false;
  state = { ...defaultState(runs, presetId, lessonText), speed, settingsOpen };
  startRuns(false);
}

function loadPreset(id: string): void {
  const preset = presetById(id);
  if (!preset) return;
  loadRuns(preset.runs(), preset.id, preset.lesson);
}

function loadRequest(request: PanelRequest | undefined): boolean {
  if (request?.visualize) {
    const v = request.visualize;
    loadRuns(runsForRequest(v), null, t('Your initializer next to a random one on the same network and data: watch whether the hidden units of the left run stay identical.'));
    return true;
  }
  if (request?.presetId && presetById(request.presetId)) {
    loadPreset(request.presetId);
    return true;
  }
  return false;
}

/** The settings section edits run `state.editRun`; an edit restarts the runs with the new config. */
function renderEditor(): void {
  if (!state) return;
  const s = state;
  if (s.runs.length > 1) {
    editRunHost.replaceChildren(select(t('Edit run'), s.runs.map((r, i) => [String(i), `${i + 1}: ${r.label}`] as const), String(s.editRun), (v) => {
      s.editRun = v === '1' ? 1 : 0;
      save();
      renderEditor();
    }));
  } else editRunHost.replaceChildren();
  setText(settingsError, '');
  renderSettings(settingsHost, s.runs[s.editRun].config, {
    apply: (config) => {
      setText(settingsError, '');
      s.runs[s.editRun] = { label: s.runs[s.editRun].label.replace(/ \(edited\)$/, '') + ' (edited)', config };
      if (s.runs.length > 1) {
        // Runs compared in lockstep must see the same data in the same order.
        const other = 1 - s.editRun;
        const oc = structuredClone(s.runs[other].config);
        oc.dataset = structuredClone(config.dataset);
        oc.dataSeed = config.dataSeed;
        oc.batchSize = config.batchSize;
        fitOutputToDataset(oc);
        s.runs[other] = { ...s.runs[other], config: oc };
      }
      s.presetId = null;
      // The settings stay as they are (keeping the keyboard focus); structural edits re-render themselves.
      startRuns(s.paused, false);
    },
    invalid: (field, message) => setText(settingsError, t('Not applied: {0}', message.startsWith(field) ? message : `${field}: ${message}`)),
  });
  if (s.settingsOpen) collapsible.setAttribute('open', '');
}

collapsible.addEventListener('vsc-collapsible-toggle', (e) => {
  if (!state) return;
  state.settingsOpen = (e as CustomEvent<{ open: boolean }>).detail?.open ?? !state.settingsOpen;
  save();
});

// ---- transport ----------------------------------------------------------------------------

function anyRunning(): boolean {
  return views.some((v) => v.state === 'running' || v.state === 'starting');
}

function updateTransport(): void {
  const paused = state?.paused ?? true;
  const running = !paused && anyRunning();
  setText(playButton, running ? t('Pause') : t('Play'));
  playButton.setAttribute('aria-label', running ? t('Pause training') : t('Resume training'));
  playButton.setAttribute('aria-pressed', String(running));
}

function togglePlay(): void {
  if (!state) return;
  if (views.some((v) => v.state === 'diverged')) return;
  state.paused = !state.paused;
  save();
  vscode.postMessage({ type: state.paused ? 'pause' : 'resume' });
  updateTransport();
}

function stepOnce(): void {
  if (!state) return;
  if (!state.paused) {
    state.paused = true;
    save();
    vscode.postMessage({ type: 'pause' });
  }
  vscode.postMessage({ type: 'step', count: 1 });
  updateTransport();
}

function reset(): void {
  if (!state) return;
  state.paused = true;
  save();
  histories.forEach((hst) => hst.clear());
  timeline.clear();
  scrubIndex = null;
  updateTimeline();
  hideBanner();
  vscode.postMessage({ type: 'reset' });
  updateTransport();
}

playButton.addEventListener('click', togglePlay);
stepButton.addEventListener('click', stepOnce);
resetButton.addEventListener('click', reset);
restartButton.addEventListener('click', () => {
  if (badConfig || !state) loadPreset(state?.presetId ?? DEFAULT_PRESET);
  else startRuns(false);
});

window.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement | null;
  const tag = target?.tagName.toLowerCase() ?? '';
  if (tag === 'input' || tag === 'textarea' || tag.startsWith('vscode-textfield') || tag.startsWith('vscode-single-select') || tag === 'vscode-button' || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === ' ') { e.preventDefault(); togglePlay(); }
  else if (e.key === 'n' || e.key === 'N') stepOnce();
  else if (e.key === 'r' || e.key === 'R') reset();
});

// ---- export -------------------------------------------------------------------------------

function shownLayers(run: number): Layer[] | null {
  if (scrubIndex !== null) return timeline.at(scrubIndex)?.runs[run] ?? null;
  return latest[run]?.layers ?? null;
}

pngButton.addEventListener('click', () => {
  if (!state) return;
  const data = heatmapsPng(views.map((v) => ({ label: v.spec.label, step: v.step, heatmaps: v.heatmaps })), theme);
  vscode.postMessage({ type: 'save', format: 'png', suggestedName: fileName('heatmaps', 'png'), data });
});

jsonButton.addEventListener('click', () => {
  if (!state) return;
  const runs = views.map((v, i) => ({ spec: v.spec, step: v.step, layers: shownLayers(i) ?? [] }));
  vscode.postMessage({ type: 'save', format: 'json', suggestedName: fileName('weights', 'json'), data: weightsJson(runs) });
});

function fileName(what: string, ext: string): string {
  const base = (state?.presetId ?? 'custom').replace(/[^\w.-]/g, '-');
  const step = views[0]?.step ?? 0;
  return `visualize-init-${base}-${what}-step${step}.${ext}`;
}

// ---- timeline -----------------------------------------------------------------------------

function updateTimeline(): void {
  const n = timeline.length;
  slider.max = String(Math.max(0, n - 1));
  if (scrubIndex === null) {
    slider.value = String(Math.max(0, n - 1));
    setText(timelineLabel, n > 0 ? t('live') : t('no frames yet'));
  } else {
    setText(timelineLabel, t('step {0} of {1}', formatCount(timeline.at(scrubIndex)?.step ?? 0), formatCount(timeline.at(n - 1)?.step ?? 0)));
  }
  liveButton.toggleAttribute('disabled', scrubIndex === null);
}

slider.addEventListener('input', () => {
  const i = Number(slider.value);
  scrubIndex = i >= timeline.length - 1 ? null : i;
  updateTimeline();
  dirtySnapshots = true;
  dirtyPlane = true;
  scheduleFrame();
});
liveButton.addEventListener('click', () => {
  scrubIndex = null;
  updateTimeline();
  dirtySnapshots = true;
  dirtyPlane = true;
  scheduleFrame();
});

// ---- banner and tooltip -------------------------------------------------------------------

/** Shows `text` above the runs; `startAgain` offers the button (pointless while the runs still train). */
function showBanner(text: string, startAgain = true): void {
  setText(bannerText, text);
  restartButton.hidden = !startAgain;
  banner.hidden = false;
}

function hideBanner(): void {
  banner.hidden = true;
}

function showTooltip(info: HoverInfo | null): void {
  if (!info) {
    tooltip.hidden = true;
    return;
  }
  setText(tooltip, info.text);
  if (info.announce) setText(announcer, info.text);
  tooltip.hidden = false;
  const x = Math.min(info.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
  const y = info.clientY + 18 + tooltip.offsetHeight > window.innerHeight ? info.clientY - tooltip.offsetHeight - 10 : info.clientY + 18;
  tooltip.style.transform = `translate(${Math.max(4, x)}px, ${Math.max(4, y)}px)`;
}

// ---- painting -----------------------------------------------------------------------------

function scheduleFrame(): void {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(frame);
}

function frame(): void {
  frameRequested = false;
  const now = performance.now();
  if (dirtySnapshots) {
    dirtySnapshots = false;
    const t0 = performance.now();
    views.forEach((view, i) => {
      const frameData = scrubIndex !== null ? timeline.at(scrubIndex) : undefined;
      const layers = frameData ? frameData.runs[i] : latest[i]?.layers;
      const step = frameData ? frameData.step : latest[i]?.step ?? 0;
      if (layers) view.paint(layers, step, theme);
    });
    const ms = performance.now() - t0;
    perf.paints++;
    perf.paintMsTotal += ms;
    perf.paintMsMax = Math.max(perf.paintMsMax, ms);
    perf.lastPaintMs = ms;
    if (scrubIndex === null) {
      for (const l of latest) if (l) perf.latencies.push(performance.now() - l.arrived);
      if (perf.latencies.length > 200) perf.latencies.splice(0, perf.latencies.length - 200);
    }
  }
  if (dirtyCharts) {
    dirtyCharts = false;
    const t0 = performance.now();
    drawCharts();
    perf.chartMsTotal += performance.now() - t0;
  }
  if (dirtyPlane) {
    if (now - lastPlane >= PLANE_INTERVAL_MS) {
      dirtyPlane = false;
      lastPlane = now;
      const t0 = performance.now();
      views.forEach((view, i) => {
        const layers = shownLayers(i);
        if (!layers || !view.extrasVisible) return;
        if (view.plane.enabled) view.plane.draw(layers, theme);
        view.histograms.draw(layers, theme);
      });
      perf.planeMsTotal += performance.now() - t0;
    } else scheduleFrame();
  }
}

function benchPaint(n: number, rows?: number, cols?: number): { heatmaps: number; msPerPaint: number; msMin: number; msMedian: number } {
  const jobs: (() => void)[] = [];
  views.forEach((view, r) => {
    const layers = latest[r]?.layers;
    if (!layers) return;
    view.heatmaps.forEach((hm, i) => {
      const l = layers[i];
      if (l && (rows === undefined || l.rows === rows) && (cols === undefined || l.cols === cols)) jobs.push(() => hm.paint(l, layers[i + 1] ?? null, { groupRgba: theme.seriesRgba }));
    });
  });
  const times: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    for (const job of jobs) job();
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { heatmaps: jobs.length, msPerPaint: times.reduce((a, b) => a + b, 0) / Math.max(1, n), msMin: sorted[0] ?? NaN, msMedian: sorted[Math.floor(sorted.length / 2)] ?? NaN };
}

function drawCharts(): void {
  const loss: Series[] = [], distinct: Series[] = [], grad: Series[] = [];
  histories.forEach((hst, r) => {
    const runLabel = histories.length > 1 ? `${r + 1}: ` : '';
    const base = theme.series[r % theme.series.length];
    loss.push({ label: `${runLabel}${t('train')}`, color: base, xs: hst.steps, ys: hst.trainLoss });
    loss.push({ label: `${runLabel}${t('test')}`, color: base, xs: hst.steps, ys: hst.testLoss, dashed: true });
    const hiddenCount = Math.max(0, hst.distinct.length - 1);
    for (let l = 0; l < hiddenCount; l++) {
      const color = histories.length > 1 ? base : theme.series[l % theme.series.length];
      distinct.push({ label: `${runLabel}${t('L{0}', l + 1)}`, color, xs: hst.steps, ys: hst.distinct[l], dashed: histories.length > 1 && l % 2 === 1 });
    }
    hst.gradNorm.forEach((ys, l) => {
      const color = histories.length > 1 ? base : theme.series[l % theme.series.length];
      grad.push({ label: `${runLabel}${l === hst.gradNorm.length - 1 ? t('out') : t('L{0}', l + 1)}`, color, xs: hst.steps, ys, dashed: histories.length > 1 && l % 2 === 1 });
    });
  });
  lossChart.draw(loss, theme);
  const widest = Math.max(1, ...(state?.runs ?? []).flatMap((r) => r.config.layers.slice(0, -1).map((l) => l.units)));
  distinctChart.draw(distinct, theme, widest);
  gradChart.draw(grad, theme);
}

watchTheme(() => {
  theme = readTheme();
  dirtySnapshots = true;
  dirtyCharts = true;
  dirtyPlane = true;
  scheduleFrame();
});
window.addEventListener('resize', () => {
  dirtyCharts = true;
  scheduleFrame();
});

// ---- messages from the host ---------------------------------------------------------------

function runOf(x: unknown): number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < views.length ? x : -1;
}

function onSnapshot(run: number, step: number, rawLayers: unknown, arrived: number): void {
  const layers = toLayers(rawLayers);
  if (layers.length === 0 || awaitingStart[run]) return;
  perf.snapshots++;
  latest[run] = { step, layers, arrived };
  // While the user scrubs, recording pauses so the frames under the slider do not shift.
  if (scrubIndex === null && latest.every((l) => l !== null)) {
    const s = Math.min(...latest.map((l) => l?.step ?? 0));
    if (timeline.record(s, latest.map((l) => l?.layers ?? null), arrived, state?.paused === true)) updateTimeline();
  }
  if (scrubIndex === null) {
    dirtySnapshots = true;
    dirtyPlane = true;
    scheduleFrame();
  }
}

function onMetrics(run: number, runState: RunState, stepsPerSecond: number, metrics: Metrics): void {
  if (!metrics || typeof metrics !== 'object' || !Array.isArray(metrics.layers) || awaitingStart[run]) return;
  views[run].showMetrics(metrics, stepsPerSecond, shownState(runState));
  histories[run].push(metrics);
  dirtyCharts = true;
  updateTransport();
  scheduleFrame();
}

/** What a run's state means to the user: with a speed limit the host steps paused runs, which is playing. */
function shownState(runState: RunState): RunState {
  return runState === 'paused' && state && !state.paused ? 'running' : runState;
}

function onStatus(run: number, runState: RunState, step: number): void {
  if (awaitingStart[run]) {
    if (step !== 0) return;
    awaitingStart[run] = false;
  }
  views[run].showState(shownState(runState));
  if (step === 0 && views[run].step > 0) histories[run].clear();
  updateTransport();
}

/** Finds the preset that starts exactly these runs, to restore its title and lesson. */
function presetFor(runs: PanelRunSpec[]): { id: string; lesson: string } | null {
  const key = JSON.stringify(runs);
  const p = PRESETS.find((x) => JSON.stringify(x.runs()) === key);
  return p ? { id: p.id, lesson: p.lesson } : null;
}

/** The run named in a message: its label in quotes, or "the run" when unknown. */
function label(run: number | undefined): string {
  return run !== undefined && views[run] ? t('"{0}"', views[run].spec.label) : t('The run');
}

window.addEventListener('message', (event: MessageEvent<ToPanelMessage>) => {
  const message = event.data;
  const arrived = performance.now();
  if (!message || typeof message !== 'object') return;
  try {
    switch (message.type) {
      case 'init': {
        setText(statusLine, t('Connected to the extension host (Visualize Init {0}, protocol {1}).', message.extensionVersion, message.protocolVersion));
        if (message.protocolVersion !== PANEL_PROTOCOL_VERSION) {
          showBanner(t('This panel speaks protocol {0} but the extension speaks {1}. Reload the window.', PANEL_PROTOCOL_VERSION, message.protocolVersion));
        }
        if (loadRequest(message.request)) return;
        const active = message.active;
        if (active && Array.isArray(active.runs) && active.runs.length > 0) {
          // The panel was hidden or reloaded while the host kept training: show those runs.
          const same = state && JSON.stringify(state.runs) === JSON.stringify(active.runs);
          const preset = same && state ? { id: state.presetId, lesson: state.lesson } : presetFor(active.runs);
          state = { ...defaultState(active.runs, preset?.id ?? null, preset?.lesson ?? ''), speed: active.stepsPerSecond, paused: !active.playing,
            settingsOpen: state?.settingsOpen ?? false, editRun: same && state ? state.editRun : 0 };
          save();
          buildViews();
          return;
        }
        if (state) startRuns(state.paused);
        else loadPreset(DEFAULT_PRESET);
        return;
      }
      case 'load':
        loadRequest(message.request);
        return;
      case 'snapshot': {
        const run = runOf(message.run);
        if (run >= 0) onSnapshot(run, Number(message.step) || 0, message.layers, arrived);
        return;
      }
      case 'metrics': {
        const run = runOf(message.run);
        if (run >= 0) onMetrics(run, message.state, Number(message.stepsPerSecond) || 0, message.metrics);
        return;
      }
      case 'status': {
        const run = runOf(message.run);
        if (run >= 0) onStatus(run, message.state, Number(message.step) || 0);
        return;
      }
      case 'diverged': {
        const run = runOf(message.run);
        if (run >= 0) views[run].showState('diverged');
        showBanner(t('{0} diverged at step {1}: weights became NaN or infinite. Try a smaller learning rate or a smaller initial scale.', label(run >= 0 ? run : undefined), formatCount(message.step)));
        updateTransport();
        return;
      }
      case 'error': {
        badConfig = message.field !== undefined;
        const text = message.field && !message.message.includes(message.field) ? t('{0} (setting: {1})', message.message, message.field) : message.message;
        showBanner(message.run !== undefined ? t('{0}: {1}', label(message.run), text) : text);
        return;
      }
      case 'workerCrashed': {
        const notice = crashNotice(message);
        // After a restart the runs train on and the worker's status messages report their state; only a host that gave up stopped them.
        if (notice.startAgain) views.forEach((v) => v.showState('stopped'));
        showBanner(notice.text, notice.startAgain);
        updateTransport();
        return;
      }
    }
  } catch (err) {
    vscode.postMessage({ type: 'reportError', message: `panel failed to handle '${String(message.type)}': ${err instanceof Error ? err.message : String(err)}` });
  }
});

vscode.postMessage({ type: 'ready', protocolVersion: PANEL_PROTOCOL_VERSION });
