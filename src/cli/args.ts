// Command-line arguments of `visualize-init lint`: parsed into options or a usage error (pure).

/** Output formats. */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** Parsed command line. */
export type CliArgs =
  | { kind: 'lint'; paths: string[]; format: OutputFormat; maxFileSize: number; jobs: number }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

/** Files larger than this many bytes are skipped with a message (override with --max-file-size). */
export const DEFAULT_MAX_FILE_SIZE = 5_000_000;

/** Usage text printed by --help and after usage errors. */
export const USAGE = `Usage: visualize-init lint [options] <files or folders...>

Finds constant and symmetric weight initializers in Python (.py), notebooks (.ipynb)
and TensorFlow.js (.js, .ts, .mjs, .cjs, .jsx, .tsx). Never runs the code it reads.

Options:
  --format <text|json|sarif>   output format (default: text)
  --max-file-size <bytes>      skip larger files with a message (default: ${DEFAULT_MAX_FILE_SIZE})
  --jobs <n>                   threads to lint on (default: one per CPU core)
  -h, --help                   show this help
  -v, --version                show the version

Exit codes: 0 no findings, 1 findings, 2 usage or I/O error.`;

/** Parses argv (without node and script). */
export function parseArgs(argv: readonly string[]): CliArgs {
  if (argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command === undefined) return { kind: 'error', message: 'missing command (expected "lint")' };
  if (command !== 'lint') return { kind: 'error', message: `unknown command "${command}" (expected "lint")` };
  let format: OutputFormat = 'text';
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  let jobs = 0;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? rest[++i];
    if (name === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') return { kind: 'error', message: `--format must be text, json or sarif (got ${v ?? 'nothing'})` };
      format = v;
    } else if (name === '--max-file-size') {
      const v = Number(value());
      if (!Number.isFinite(v) || v <= 0) return { kind: 'error', message: '--max-file-size must be a positive number of bytes' };
      maxFileSize = v;
    } else if (name === '--jobs') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1 || v > 256) return { kind: 'error', message: '--jobs must be a whole number from 1 to 256' };
      jobs = v;
    } else if (a === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      return { kind: 'error', message: `unknown option ${a}` };
    } else paths.push(a);
  }
  if (paths.length === 0) return { kind: 'error', message: 'no files or folders given' };
  return { kind: 'lint', paths, format, maxFileSize, jobs };
}
