// Translations of the webviews' strings. The host writes vscode.l10n.bundle (undefined in English)
// into the page as the data-l10n attribute of #app; t() looks a message up by its English text, as
// vscode.l10n.t does, and fills the {0}, {1}, ... placeholders. A missing key falls back to English.
// Counts are grouped, and decimals written, the way VS Code's display language (the page's lang) writes them.
import { format, numbersIn, withSeparator, type Numbers } from '../src/shared/numberFormat';

/** English message -> translated message. */
export type L10nBundle = Readonly<Record<string, string>>;

let bundle: L10nBundle | null = null;

/** Keeps the string entries of a parsed bundle (a translation may also be { message, comment }); never throws. */
export function parseBundle(raw: unknown): L10nBundle {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') out[key] = (value as { message: string }).message;
  }
  return out;
}

/** Replaces the bundle (tests; the page reads its own on the first t()). */
export function setBundle(b: unknown): void {
  bundle = parseBundle(b);
}

function pageBundle(): L10nBundle {
  const raw = typeof document === 'undefined' ? undefined : document.getElementById('app')?.dataset.l10n;
  if (!raw) return parseBundle(null);
  try {
    return parseBundle(JSON.parse(raw));
  } catch {
    return parseBundle(null);
  }
}

/** The translation of `message` (its English text) with placeholders filled. */
export function t(message: string, ...args: (string | number)[]): string {
  bundle ??= pageBundle();
  return format(Object.hasOwn(bundle, message) ? bundle[message] : message, args);
}

let page: Numbers | undefined;

/** How the page's language (VS Code's display language; English outside a page) writes numbers. */
export function pageNumbers(): Numbers {
  return (page ??= numbersIn(typeof document === 'undefined' ? undefined : document.documentElement.lang));
}

/** A count (steps, steps per second) in the page's language. */
export function formatCount(n: number): string {
  return pageNumbers().count(n);
}

/** A number's text (`0.25`, `1.5e-4`, from fmt) with `separator`, by default the page language's decimal separator (`0,25` in German). */
export function withDecimalSeparator(text: string, separator?: string): string {
  return separator === undefined ? pageNumbers().decimal(text) : withSeparator(text, separator);
}
