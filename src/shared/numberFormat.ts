// Numbers and message placeholders written the way VS Code's display language writes them: one
// implementation for the host (status bar, Runs view) and the webviews (panel, Training view).

/** Fills {0}, {1}, ... with `args`; a placeholder without an argument stays as it is. */
export function format(template: string, args: readonly (string | number | boolean)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** A whole-number format grouped the way `language` writes it (`12,345`, `12.345`, `12 345`); an unknown language groups as English. */
export function countFormat(language: string | undefined): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(language || 'en', { maximumFractionDigits: 0 });
  } catch {
    return new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
  }
}

/** The decimal separator `language` writes (`.` in English, `,` in German); an unknown or missing language writes `.`. */
export function decimalSeparator(language: string | undefined): string {
  try {
    return new Intl.NumberFormat(language || 'en').formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  } catch {
    return '.';
  }
}

/** A number's text (`0.25`, `1.5e-4`, from toFixed) with `separator` as its decimal point (`0,25`). */
export function withSeparator(text: string, separator: string): string {
  return separator === '.' ? text : text.replace('.', separator);
}

/** How one language writes the numbers the extension shows. */
export interface Numbers {
  /** A whole number, grouped (`12,345`). */
  count(n: number): string;
  /** `value` with `digits` decimals (`0.693`; `0,693` in German). */
  fixed(value: number, digits: number): string;
  /** A fraction as a percentage with one decimal (`48.8%`). */
  percent(fraction: number): string;
  /** A number's text (from toFixed, toPrecision, toExponential) with the language's decimal separator. */
  decimal(text: string): string;
}

const byLanguage = new Map<string, Numbers>();

/** How `language` writes numbers (an unknown or missing one as English); made once per language. */
export function numbersIn(language: string | undefined): Numbers {
  const key = language || 'en';
  let numbers = byLanguage.get(key);
  if (!numbers) {
    const counts = countFormat(key);
    const separator = decimalSeparator(key);
    const decimal = (text: string) => withSeparator(text, separator);
    numbers = { count: (n) => counts.format(n), fixed: (v, digits) => decimal(v.toFixed(digits)), percent: (f) => `${decimal((f * 100).toFixed(1))}%`, decimal };
    byLanguage.set(key, numbers);
  }
  return numbers;
}
