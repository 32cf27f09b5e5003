// Canvas heatmap of one layer: one row per unit, one column per input, the bias as an extra column
// after a gap, a coloured strip marking symmetry groups, a colour bar with ticks, the
// "distinct units: k of n" label, a hover tooltip and a text alternative for screen readers.
// Keyboard: the grid takes focus; arrow keys (Home/End, PageUp/PageDown) move an outlined active cell
// whose text (the hover text) is shown as the tooltip and announced.
import type { Layer } from './arrays';
import { LUT, LUT_SIZE, colorbarTicks, fillColors, layerLimit, pixelsOf } from './colormap';
import { fmt, h, setText } from './dom';
import { symmetryGroups, type Groups } from './groups';
import { t } from '../l10n';

/** Largest on-screen cell (CSS pixels). */
const MAX_CELL = 22;

/** Where the pointer (or the keyboard's active cell) is over a heatmap, for the tooltip. */
export interface HoverInfo {
  text: string;
  clientX: number;
  clientY: number;
  /** True when a key moved the active cell: the text goes to the live region too. */
  announce?: boolean;
}

/** The active cell of the keyboard: col === cols is the bias column. */
interface Cell {
  row: number;
  col: number;
}

/** Colours the heatmap needs from the theme: packed RGBA of group markers. */
export interface HeatmapTheme {
  groupRgba: number[];
}

/** Live heatmap of one layer's weights and biases. */
export class LayerHeatmap {
  /** The element to insert into the page. */
  readonly element: HTMLElement;
  /** The weight canvas (its backing store is exactly cols x rows pixels). */
  readonly weightsCanvas: HTMLCanvasElement;
  /** The bias column canvas (1 x rows pixels). */
  readonly biasCanvas: HTMLCanvasElement;
  private readonly stripCanvas: HTMLCanvasElement;
  private readonly grid: HTMLElement;
  private readonly distinctLabel: HTMLElement;
  private readonly shapeLabel: HTMLElement;
  private readonly ticks: HTMLElement[];
  private readonly cursor: HTMLElement;
  private active: Cell = { row: 0, col: 0 };
  private focused = false;
  private rows = 0;
  private cols = 0;
  private image: ImageData | null = null;
  private bias: ImageData | null = null;
  private strip: ImageData | null = null;
  /** Symmetric colour limit of the last paint (values at +-limit get the end colours). */
  limit = NaN;
  private layer: Layer | null = null;
  /** Groups of the last painted snapshot. */
  groups: Groups | null = null;

  constructor(readonly index: number, readonly isOutput: boolean, private readonly activation: string, private readonly onHover: (info: HoverInfo | null) => void, private readonly maxSide = 300) {
    this.weightsCanvas = h('canvas', 'hm-weights');
    this.biasCanvas = h('canvas', 'hm-bias');
    this.stripCanvas = h('canvas', 'hm-strip');
    // Nothing to show before the first weights: a canvas's default 300 x 150 would overflow the run's card.
    for (const c of [this.weightsCanvas, this.biasCanvas, this.stripCanvas]) {
      c.width = 0;
      c.height = 0;
    }
    this.cursor = h('div', 'hm-cursor', { 'aria-hidden': 'true' });
    // "application": screen readers pass the arrow keys through to this custom widget.
    this.grid = h('div', 'hm-grid', { role: 'application', 'aria-roledescription': t('heatmap'), tabindex: '0', 'aria-keyshortcuts': 'ArrowUp ArrowDown ArrowLeft ArrowRight Home End PageUp PageDown' },
      this.stripCanvas, this.weightsCanvas, this.biasCanvas,
      h('span', 'hm-axis hm-axis-w', {}, t('inputs')), h('span', 'hm-axis hm-axis-b', { title: t('bias') }, t('b')), this.cursor);
    const bar = h('canvas', 'hm-colorbar-ramp');
    bar.width = 1;
    bar.height = LUT_SIZE;
    const ctx = bar.getContext('2d');
    if (ctx) {
      const img = ctx.createImageData(1, LUT_SIZE);
      const px = new Uint32Array(img.data.buffer);
      for (let i = 0; i < LUT_SIZE; i++) px[i] = LUT[LUT_SIZE - 1 - i];
      ctx.putImageData(img, 0, 0);
    }
    this.ticks = [h('span', 'hm-tick'), h('span', 'hm-tick'), h('span', 'hm-tick')];
    const colorbar = h('div', 'hm-colorbar', { 'aria-hidden': 'true' }, bar, h('div', 'hm-ticks', {}, ...this.ticks));
    this.shapeLabel = h('span', 'hm-shape');
    this.distinctLabel = h('div', 'hm-distinct');
    this.element = h('figure', 'heatmap', { 'data-layer': String(index) },
      h('figcaption', 'hm-caption', {}, h('span', 'hm-title', {}, this.title), this.shapeLabel),
      h('div', 'hm-body', {}, this.grid, colorbar),
      this.distinctLabel);
    for (const c of [this.weightsCanvas, this.biasCanvas]) {
      c.addEventListener('mousemove', (e) => this.hover(e, c === this.biasCanvas));
      c.addEventListener('mouseleave', () => this.onHover(null));
      c.addEventListener('mousedown', (e) => {
        const cell = this.cellAt(e, c === this.biasCanvas);
        if (!cell) return;
        this.active = cell;
        if (this.focused) this.showActive(true);
      });
    }
    this.grid.addEventListener('keydown', (e) => this.onKey(e));
    this.grid.addEventListener('focus', () => {
      this.focused = true;
      this.showActive(true);
    });
    this.grid.addEventListener('blur', () => {
      this.focused = false;
      this.onHover(null);
    });
  }

  /** "16 × 2 · tanh", as in the caption. */
  get shape(): string {
    return this.shapeLabel.textContent ?? '';
  }

  /** "distinct units: k of n" of the last paint (empty before it). */
  get distinctText(): string {
    return this.distinctLabel.textContent ?? '';
  }

  /** Title used in labels: "Layer 1" or "Output layer". */
  get title(): string {
    return this.isOutput ? t('Output layer') : t('Layer {0}', this.index + 1);
  }

  private resize(rows: number, cols: number): void {
    this.rows = rows;
    this.cols = cols;
    const cell = Math.max(0.5, Math.min(MAX_CELL, this.maxSide / cols, this.maxSide / rows));
    // Very thin matrices (e.g. 128 x 2, or a 1-row output layer) get wider cells along the short side.
    const w = Math.max(1, Math.round(cols * cell), Math.min(cols * 10, this.maxSide));
    const hgt = Math.max(1, Math.round(rows * cell), Math.min(rows * 10, this.maxSide));
    const side = Math.max(6, Math.min(MAX_CELL, Math.round(cell)));
    this.weightsCanvas.width = cols;
    this.weightsCanvas.height = rows;
    this.weightsCanvas.style.width = `${w}px`;
    this.weightsCanvas.style.height = `${hgt}px`;
    for (const c of [this.biasCanvas, this.stripCanvas]) {
      c.width = 1;
      c.height = rows;
      c.style.height = `${hgt}px`;
    }
    this.biasCanvas.style.width = `${side}px`;
    this.stripCanvas.style.width = `${Math.max(4, Math.round(side / 3))}px`;
    this.element.style.setProperty('--hm-height', `${hgt}px`);
    this.image = this.weightsCanvas.getContext('2d')?.createImageData(cols, rows) ?? null;
    this.bias = this.biasCanvas.getContext('2d')?.createImageData(1, rows) ?? null;
    this.strip = this.stripCanvas.getContext('2d')?.createImageData(1, rows) ?? null;
    setText(this.shapeLabel, `${rows} × ${cols}${this.activation ? ` · ${this.activation}` : ''}`);
  }

  /** Paints `layer` (next = the layer above, for the symmetry groups). */
  paint(layer: Layer, next: Layer | null, theme: HeatmapTheme): void {
    if (layer.rows !== this.rows || layer.cols !== this.cols || !this.image) this.resize(layer.rows, layer.cols);
    this.layer = layer;
    const limit = layerLimit(layer.weights, layer.biases);
    if (limit !== this.limit) {
      this.limit = limit;
      colorbarTicks(limit).forEach((tick, i) => setText(this.ticks[i], tick.label));
    }
    if (this.image) {
      fillColors(pixelsOf(this.image), layer.weights, limit);
      this.weightsCanvas.getContext('2d')?.putImageData(this.image, 0, 0);
    }
    if (this.bias) {
      fillColors(pixelsOf(this.bias), layer.biases, limit);
      this.biasCanvas.getContext('2d')?.putImageData(this.bias, 0, 0);
    }
    const groups = symmetryGroups(layer, next);
    this.groups = groups;
    if (this.strip) {
      const px = new Uint32Array(this.strip.data.buffer);
      let colourIndex = 0;
      const colourOfGroup = new Map<number, number>();
      for (let i = 0; i < layer.rows; i++) {
        const g = groups.group[i];
        if (groups.sizes[g] < 2) { px[i] = 0; continue; }
        let c = colourOfGroup.get(g);
        if (c === undefined) {
          c = theme.groupRgba[colourIndex++ % theme.groupRgba.length];
          colourOfGroup.set(g, c);
        }
        px[i] = c;
      }
      this.stripCanvas.getContext('2d')?.putImageData(this.strip, 0, 0);
    }
    const n = layer.rows;
    setText(this.distinctLabel, t('distinct units: {0} of {1}', groups.distinct, n));
    this.distinctLabel.classList.toggle('hm-symmetric', n > 1 && groups.distinct < n);
    const label = n === 1 ? t('{0}, 1 unit, {1} distinct', this.title, groups.distinct) : t('{0}, {1} units, {2} distinct', this.title, n, groups.distinct);
    if (this.grid.getAttribute('aria-label') !== label) this.grid.setAttribute('aria-label', label);
    // While focused, the tooltip follows the values as they train (announced only when a key moves the cell).
    if (this.focused) this.showActive(false);
  }

  /** The cell under the pointer, or null before the first paint. */
  private cellAt(e: MouseEvent, isBias: boolean): Cell | null {
    const layer = this.layer;
    if (!layer) return null;
    const r = (isBias ? this.biasCanvas : this.weightsCanvas).getBoundingClientRect();
    const row = Math.min(layer.rows - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * layer.rows)));
    const col = isBias ? layer.cols : Math.min(layer.cols - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * layer.cols)));
    return { row, col };
  }

  /** "Layer 1 · unit 4 · input 2 · 0.1234 · group of 3": the same text for hover, tooltip and announcement. */
  private cellText(cell: Cell): string {
    const layer = this.layer;
    if (!layer) return '';
    const isBias = cell.col >= layer.cols;
    const value = isBias ? layer.biases[cell.row] : layer.weights[cell.row * layer.cols + cell.col];
    const what = isBias ? t('bias') : t('input {0}', cell.col + 1);
    const g = this.groups;
    const text = t('{0} · unit {1} · {2} · {3}', this.title, cell.row + 1, what, fmt(value, 4));
    return g && g.sizes[g.group[cell.row]] > 1 ? t('{0} · group of {1}', text, g.sizes[g.group[cell.row]]) : text;
  }

  private hover(e: MouseEvent, isBias: boolean): void {
    const cell = this.cellAt(e, isBias);
    if (cell) this.onHover({ text: this.cellText(cell), clientX: e.clientX, clientY: e.clientY });
  }

  private onKey(e: KeyboardEvent): void {
    const layer = this.layer;
    if (!layer || e.altKey || e.metaKey) return;
    const lastRow = layer.rows - 1, lastCol = layer.cols; // the bias column
    const page = Math.max(1, Math.ceil(layer.rows / 4));
    let { row, col } = this.active;
    switch (e.key) {
      case 'ArrowUp': row--; break;
      case 'ArrowDown': row++; break;
      case 'ArrowLeft': col--; break;
      case 'ArrowRight': col++; break;
      case 'PageUp': row -= page; break;
      case 'PageDown': row += page; break;
      case 'Home': col = 0; if (e.ctrlKey) row = 0; break;
      case 'End': col = lastCol; if (e.ctrlKey) row = lastRow; break;
      default: return;
    }
    e.preventDefault();
    this.active = { row: Math.min(lastRow, Math.max(0, row)), col: Math.min(lastCol, Math.max(0, col)) };
    this.showActive(true);
  }

  /** Outlines the active cell and shows its text as the tooltip (and announces it when asked). */
  private showActive(announce: boolean): void {
    const layer = this.layer;
    if (!layer) return;
    this.active = { row: Math.min(layer.rows - 1, this.active.row), col: Math.min(layer.cols, this.active.col) };
    const { row, col } = this.active;
    const isBias = col >= layer.cols;
    const canvas = isBias ? this.biasCanvas : this.weightsCanvas;
    const cellW = canvas.offsetWidth / (isBias ? 1 : layer.cols), cellH = canvas.offsetHeight / layer.rows;
    // Cells smaller than the outline get a box of at least 5 px centred on them.
    const w = Math.max(5, cellW), hgt = Math.max(5, cellH);
    const left = canvas.offsetLeft + (isBias ? 0 : col * cellW) + (cellW - w) / 2;
    const top = canvas.offsetTop + row * cellH + (cellH - hgt) / 2;
    this.cursor.style.transform = `translate(${left}px, ${top}px)`;
    this.cursor.style.width = `${w}px`;
    this.cursor.style.height = `${hgt}px`;
    const r = canvas.getBoundingClientRect();
    const x = r.left + (isBias ? r.width : (col + 1) * cellW), y = r.top + (row + 1) * cellH;
    this.onHover({ text: this.cellText(this.active), clientX: x, clientY: y, announce });
  }
}
