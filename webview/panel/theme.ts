// Colours of the current VS Code theme, read from its --vscode-* CSS variables, and a hook that
// fires when the user switches theme (VS Code swaps the body class and the variables).

/** Packed RGBA colours for canvases; CSS strings for 2-D drawing. */
export interface ThemeColors {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  /** Chart series colours (--vscode-charts-*), in a fixed order. */
  series: string[];
  /** The same series colours packed for ImageData. */
  seriesRgba: number[];
}

const SERIES_VARS = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'];
const SERIES_FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'];

let probe: CanvasRenderingContext2D | null = null;

/** Packs any CSS colour as an ImageData pixel (via a 1x1 canvas). */
export function cssToRgba(color: string): number {
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!probe) return 0xff808080;
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = '#808080';
  probe.fillStyle = color;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

/** Reads the theme's colours now. */
export function readTheme(): ThemeColors {
  const series = SERIES_VARS.map((v, i) => cssVar(v, SERIES_FALLBACK[i]));
  return {
    foreground: cssVar('--vscode-foreground', '#cccccc'),
    muted: cssVar('--vscode-descriptionForeground', '#999999'),
    grid: cssVar('--vscode-charts-lines', 'rgba(128,128,128,0.5)'),
    background: cssVar('--vscode-editor-background', '#1e1e1e'),
    series,
    seriesRgba: series.map(cssToRgba),
  };
}

/** Calls `onChange` whenever VS Code switches the colour theme (body class or style changes). */
export function watchTheme(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  new MutationObserver(onChange).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
