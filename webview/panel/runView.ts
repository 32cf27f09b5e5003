// What the panel shows of one run: its title line (label, step, state, speed), a heatmap per
// layer, its headline metrics and, for 2-D data, the input-plane thumbnails.
import type { Metrics } from '../../src/core/trainer/metrics';
import type { PanelRunSpec } from '../../src/shared/panelProtocol';
import type { RunState } from '../../src/shared/trainerProtocol';
import type { Layer } from './arrays';
import { fmt, h, setText } from './dom';
import { LayerHeatmap, type HoverInfo } from './heatmap';
import type { ThemeColors } from './theme';
import { ActivationHistograms } from './histograms';
import { PlaneView } from './thumbnails';
import { formatCount, pageNumbers, t } from '../l10n';

/** What each run state reads as. */
const STATE_TEXT: Record<RunState | 'starting', () => string> = {
  starting: () => t('starting'), running: () => t('running'), paused: () => t('paused'), diverged: () => t('diverged'), stopped: () => t('stopped'),
};

/** The view of run `index` of the panel. */
export class RunView {
  /** The element to insert into the page. */
  readonly element: HTMLElement;
  /** One heatmap per layer (hidden layers, then the output layer). */
  readonly heatmaps: LayerHeatmap[];
  /** Input-plane thumbnails (hidden for datasets that are not 2-D). */
  readonly plane: PlaneView;
  /** Activation histograms per hidden layer. */
  readonly histograms: ActivationHistograms;
  private readonly stepLabel: HTMLElement;
  private readonly stateLabel: HTMLElement;
  private readonly stats: Record<'trainLoss' | 'testLoss' | 'trainAcc' | 'testAcc', HTMLElement>;
  /** True while the thumbnails/histograms are on screen (they are only recomputed then). */
  extrasVisible = true;
  /** Latest step shown. */
  step = 0;
  /** Latest state reported. */
  state: RunState | 'starting' = 'starting';

  constructor(readonly index: number, readonly spec: PanelRunSpec, onHover: (info: HoverInfo | null) => void, maxSide: number, onExtrasShown: () => void) {
    const layers = spec.config.layers;
    this.heatmaps = layers.map((l, i) => new LayerHeatmap(i, i === layers.length - 1, l.activation, onHover, maxSide));
    this.stepLabel = h('span', 'run-step', { 'data-run-step': String(index) }, t('step {0}', 0));
    this.stateLabel = h('span', 'run-state');
    const stat = (label: string): [HTMLElement, HTMLElement] => {
      const v = h('span', 'stat-value', {}, '–');
      return [h('div', 'stat', {}, h('span', 'stat-label', {}, label), v), v];
    };
    const [a, trainLoss] = stat(t('train loss')), [b, testLoss] = stat(t('test loss')), [c, trainAcc] = stat(t('train acc')), [d, testAcc] = stat(t('test acc'));
    this.stats = { trainLoss, testLoss, trainAcc, testAcc };
    this.plane = new PlaneView(spec.config);
    this.histograms = new ActivationHistograms(spec.config);
    this.element = h('section', `run run-${index}`, { 'aria-label': t('Run {0}: {1}', index + 1, spec.label) },
      h('header', 'run-head', {}, h('span', 'run-dot', { 'aria-hidden': 'true' }), h('h2', 'run-label', {}, spec.label), this.stepLabel, this.stateLabel,
        h('div', 'stats', {}, a, b, c, d)),
      h('div', 'heatmaps', {}, ...this.heatmaps.map((hm) => hm.element)),
      this.plane.element,
      this.histograms.element);
    if (typeof IntersectionObserver === 'function') {
      const seen = new Set<Element>();
      const observer = new IntersectionObserver((entries) => {
        for (const e of entries) if (e.isIntersecting) seen.add(e.target); else seen.delete(e.target);
        const was = this.extrasVisible;
        this.extrasVisible = seen.size > 0;
        if (this.extrasVisible && !was) onExtrasShown();
      });
      observer.observe(this.plane.element);
      observer.observe(this.histograms.element);
    }
  }

  /** Paints the heatmaps from a snapshot. */
  paint(layers: readonly Layer[], step: number, theme: ThemeColors): void {
    const groupRgba = theme.seriesRgba;
    for (let i = 0; i < this.heatmaps.length && i < layers.length; i++) this.heatmaps[i].paint(layers[i], layers[i + 1] ?? null, { groupRgba });
    this.step = step;
    setText(this.stepLabel, t('step {0}', formatCount(step)));
  }

  /** Shows the latest metrics and state. */
  showMetrics(m: Metrics, stepsPerSecond: number, state: RunState): void {
    setText(this.stats.trainLoss, fmt(m.trainLoss, 3));
    setText(this.stats.testLoss, fmt(m.testLoss, 3));
    const pct = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? pageNumbers().percent(v) : '–');
    setText(this.stats.trainAcc, pct(m.trainAccuracy));
    setText(this.stats.testAcc, pct(m.testAccuracy));
    this.showState(state, stepsPerSecond);
  }

  /** Shows the state (and speed while running). */
  showState(state: RunState, stepsPerSecond?: number): void {
    this.state = state;
    const running = state === 'running' && stepsPerSecond !== undefined && stepsPerSecond > 0;
    setText(this.stateLabel, running ? t('{0} · {1} steps/s', STATE_TEXT[state](), formatCount(Math.round(stepsPerSecond ?? 0))) : STATE_TEXT[state]());
    this.element.dataset.state = state;
  }
}
