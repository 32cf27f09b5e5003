// Numbers and message placeholders written the way VS Code's display language writes them: one
// implementation for the host (status bar, Runs view) and the webviews (panel, Training view).

/** Fills {0}, {1}, ... with `args`; a placeholder without an argument stays as it is. */
export function format(template: string, args: readonly (string | number | boolean)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

const counts = new Map<string, Intl.NumberFormat>();

/** A whole-number format grouped the way `language` writes it (`12,345`, `12.345`, `12 345`); an unknown language groups as English. */
export function countFormat(language: string | undefined): Intl.NumberFormat {
  const key = language || 'en';
  let f = counts.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(key, { maximumFractionDigits: 0 });
    } catch {
      f = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
    }
    counts.set(key, f);
  }
  return f;
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
