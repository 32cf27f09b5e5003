// `visualize-init lint <files or folders>`: the thin I/O shell around the analyzer and the formatters.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { version } from '../../package.json';
import { analyzeFile, documentKindForPath } from '../core/analyzer/index';
import { USAGE, parseArgs } from './args';
import { exitCode, formatJson, formatNotices, formatSarif, formatText, type FileResult } from './format';
import { lintOnThreads, serveLintJobs, threadCount, type LintJob } from './pool';
import { bundledRuleDocs } from './ruleDocs';
import { collectFiles, displayPath } from './walk';

/** Where the CLI writes. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Lints one file from disk; huge files are skipped, unreadable ones reported as errors. */
export function lintFile(path: string, shown: string, maxFileSize: number): FileResult {
  try {
    const size = statSync(path).size;
    if (size > maxFileSize) return { path: shown, findings: [], skipped: `file is ${size} bytes, larger than --max-file-size ${maxFileSize}` };
    const text = readFileSync(path, 'utf8');
    const kind = documentKindForPath(path);
    if (kind === undefined) return { path: shown, findings: [], skipped: 'not a .py, .ipynb or JS/TS file' };
    const result = analyzeFile(path, text, { maxChars: maxFileSize });
    return result.skipped ? { path: shown, findings: [], skipped: result.skipped.detail } : { path: shown, findings: result.findings };
  } catch (err) {
    return { path: shown, findings: [], error: (err as Error).message };
  }
}

/**
 * Runs the CLI on argv (without node and script) and resolves to the exit code. Files are linted on
 * worker threads started from `script` (the bundled CLI) when there are enough of them.
 */
export async function runCli(argv: readonly string[], out: CliOutput, cwd = process.cwd(), script = __filename): Promise<number> {
  const args = parseArgs(argv);
  if (args.kind === 'help') {
    out.stdout(`${USAGE}\n`);
    return 0;
  }
  if (args.kind === 'version') {
    out.stdout(`${version}\n`);
    return 0;
  }
  if (args.kind === 'error') {
    out.stderr(`visualize-init: ${args.message}\n\n${USAGE}\n`);
    return 2;
  }
  const entries = collectFiles(args.paths.map((p) => resolve(cwd, p))).map((entry) => ({ entry, shown: displayPath(entry.path, cwd) }));
  const jobs: LintJob[] = entries.filter(({ entry }) => entry.kind !== 'error').map(({ entry, shown }) => ({ path: entry.path, shown }));
  const linted = await lintOnThreads(jobs, threadCount(args.jobs, jobs.length), script, args.maxFileSize, lintJob);
  let next = 0;
  const results: FileResult[] = entries.map(({ entry, shown }) => (entry.kind === 'error' ? { path: shown, findings: [], error: entry.message } : linted[next++]));
  for (const n of formatNotices(results)) out.stderr(`${n}\n`);
  if (args.format === 'json') out.stdout(formatJson(results, version));
  else if (args.format === 'sarif') out.stdout(formatSarif(results, version, bundledRuleDocs()));
  else out.stdout(formatText(results));
  return exitCode(results);
}

function lintJob(job: LintJob, maxFileSize: number): FileResult {
  return lintFile(job.path, job.shown, maxFileSize);
}

// The bundle is both the command and, inside worker threads it starts, a lint worker.
if (!serveLintJobs(lintJob) && require.main === module) {
  void runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then((code) => {
    process.exitCode = code;
  });
}
