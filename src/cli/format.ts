// Output of the linter: human-readable text, JSON and SARIF 2.1.0 (pure functions, unit-tested).
import { DEFAULT_SEVERITY, RULE_CODES, RULE_TITLES, type Finding, type RuleCode, type Severity } from '../core/analyzer/index';
import { ruleHelp, type RuleDocs } from './ruleDocs';

/** The outcome for one file: its findings, or why it was skipped or could not be read. */
export interface FileResult {
  /** Path as shown to the user (relative to the working directory, '/' separators). */
  path: string;
  findings: Finding[];
  /** Set when the file was not analyzed (too large, invalid notebook): not an error. */
  skipped?: string;
  /** Set when the file could not be read: an I/O error. */
  error?: string;
}

/** Totals over a run. */
export interface Summary {
  files: number;
  findings: number;
  skipped: number;
  errors: number;
}

/** Counts files, findings, skips and errors. */
export function summarize(results: readonly FileResult[]): Summary {
  return {
    files: results.length,
    findings: results.reduce((n, r) => n + r.findings.length, 0),
    skipped: results.filter((r) => r.skipped !== undefined).length,
    errors: results.filter((r) => r.error !== undefined).length,
  };
}

/** Exit code: 2 on I/O errors, 1 with findings, else 0. */
export function exitCode(results: readonly FileResult[]): number {
  const s = summarize(results);
  return s.errors > 0 ? 2 : s.findings > 0 ? 1 : 0;
}

function where(r: FileResult, f: Finding): string {
  const cell = f.cell !== undefined ? ` (cell ${f.cell + 1})` : '';
  return `${r.path}${cell}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
}

/** `path:line:col: severity CODE message` lines (1-based), then a summary line. */
export function formatText(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) for (const f of r.findings) lines.push(`${where(r, f)}: ${f.severity} ${f.code} ${f.message}`);
  const s = summarize(results);
  const extra = [s.skipped ? `${s.skipped} skipped` : '', s.errors ? `${s.errors} unreadable` : ''].filter(Boolean).join(', ');
  lines.push(`${s.findings} finding${s.findings === 1 ? '' : 's'} in ${s.files} file${s.files === 1 ? '' : 's'}${extra ? ` (${extra})` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** Messages about skipped and unreadable files, for stderr. */
export function formatNotices(results: readonly FileResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    if (r.skipped !== undefined) out.push(`${r.path}: skipped: ${r.skipped}`);
    if (r.error !== undefined) out.push(`${r.path}: error: ${r.error}`);
  }
  return out;
}

/**
 * Machine-readable JSON (schema version 1): one object per finding with 1-based positions; `doc` is the
 * rule's page relative to the visualize-init package.
 */
export function formatJson(results: readonly FileResult[], version: string): string {
  const findings = results.flatMap((r) =>
    r.findings.map((f) => ({
      path: r.path,
      ...(f.cell !== undefined ? { cell: f.cell } : {}),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      code: f.code,
      severity: f.severity,
      message: f.message,
      framework: f.framework,
      ...(f.target !== undefined ? { target: f.target } : {}),
      ...(f.shape ? { shape: f.shape } : {}),
      ...(f.value !== undefined ? { value: f.value } : {}),
      ...(f.units !== undefined ? { units: f.units } : {}),
      ...(f.fanIn !== undefined ? { fanIn: f.fanIn } : {}),
      activation: f.activation,
      fixes: f.fixes.filter((x) => x.kind === 'replace').map((x) => ({ title: x.title, replacement: x.edits[0]?.newText ?? '', preferred: x.preferred })),
      doc: f.docPath,
    })),
  );
  const notices = results.filter((r) => r.skipped !== undefined || r.error !== undefined).map((r) => ({ path: r.path, ...(r.skipped !== undefined ? { skipped: r.skipped } : {}), ...(r.error !== undefined ? { error: r.error } : {}) }));
  return `${JSON.stringify({ version: 1, tool: { name: 'visualize-init', version }, summary: summarize(results), findings, notices }, null, 2)}\n`;
}

/** SARIF result level of a severity. */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

function uri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 log with the rule table for code-scanning upload: each rule's help is its page from
 * `docs` (no helpUri: the rules' pages have no public address, and a placeholder would be a dead link).
 */
export function formatSarif(results: readonly FileResult[], version: string, docs: RuleDocs): string {
  const ruleIndex = new Map<RuleCode, number>(RULE_CODES.map((c, i) => [c, i]));
  const rules = RULE_CODES.map((code) => ({
    id: code,
    name: RULE_TITLES[code].replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
    shortDescription: { text: RULE_TITLES[code] },
    help: ruleHelp(code, docs),
    defaultConfiguration: { level: sarifLevel(DEFAULT_SEVERITY[code]) },
  }));
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code) ?? 0,
      level: sarifLevel(f.severity),
      message: { text: f.cell !== undefined ? `${f.message} (notebook cell ${f.cell + 1}; line and column are relative to the cell)` : f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uri(r.path), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
          },
        },
      ],
      properties: { framework: f.framework, ...(f.cell !== undefined ? { cell: f.cell } : {}), ...(f.shape ? { shape: f.shape } : {}), ...(f.value !== undefined ? { value: f.value } : {}) },
    })),
  );
  const notifications = results
    .filter((r) => r.skipped !== undefined || r.error !== undefined)
    .map((r) => ({
      level: r.error !== undefined ? 'error' : 'note',
      message: { text: `${r.path}: ${r.error ?? r.skipped}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.path), uriBaseId: '%SRCROOT%' } } }],
    }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'visualize-init', version, rules } },
        invocations: [{ executionSuccessful: !notifications.some((n) => n.level === 'error'), toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
