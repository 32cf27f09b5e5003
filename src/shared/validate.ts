// Small guards for validating untrusted messages (from webviews and workers). Pure, no dependencies.

/** Result of validating an untrusted message: the typed message, or why it was rejected. */
export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

/** A plain object (not null, not an array). */
export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A finite number. */
export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** An integer in [min, max]. */
export function isIntegerIn(x: unknown, min: number, max: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
}

/** A string of at most maxLength characters. */
export function isShortString(x: unknown, maxLength: number): x is string {
  return typeof x === 'string' && x.length <= maxLength;
}

/** JSON.stringify of a value, cut to `max` characters, for error messages about untrusted input. */
export function describe(x: unknown, max = 60): string {
  let s: string;
  try {
    s = JSON.stringify(x) ?? String(x);
  } catch {
    s = String(x);
  }
  return s.length > max ? `${s.slice(0, max)}...` : s;
}
