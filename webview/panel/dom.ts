// Tiny DOM helpers: create an element with a class, attributes and children in one call.
import { withDecimalSeparator } from '../l10n';

/** Creates `<tag class=cls>` with attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, attrs?: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** Creates a custom element (e.g. a vscode-elements component) with attributes and children. */
export function el(tag: string, attrs?: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** Sets text only when it changed (avoids layout work on every frame). */
export function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Formats a number compactly for labels and tooltips, with the page language's decimal separator
 * (non-numbers, e.g. a NaN that crossed JSON as null, show as NaN).
 */
export function fmt(v: unknown, digits = 3): string {
  if (typeof v !== 'number' || Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return withDecimalSeparator(v.toExponential(Math.max(0, digits - 2)).replace('e+', 'e'));
  return withDecimalSeparator(Number(v.toPrecision(digits)).toString());
}
