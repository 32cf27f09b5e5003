// The history of training runs behind the Runs view: one entry per run the session started, kept
// up to date while it trains and finalized when it ends, persisted through a small store with a
// bounded size (oldest dropped). Free of 'vscode' so plain node can test it.
import { datasetShape, type InitializerSpec, type TrainConfig } from '../../core/trainer/index';
import type { PanelRunSpec } from '../../shared/panelProtocol';
import { format, numbersIn } from '../../shared/numberFormat';
import { isFiniteNumber, isObject, isShortString } from '../../shared/validate';
import type { RunRecord, SessionChange } from '../training/trainingSession';

/** Entries kept by default; the oldest are dropped beyond it. */
export const MAX_HISTORY = 50;

/** Version of the persisted shape; other versions are ignored on load. */
export const HISTORY_VERSION = 1;

/** How a run ended (or stands, while it trains). */
export interface RunOutcome {
  steps: number;
  /** Training loss at the last metrics, if any arrived. */
  finalLoss?: number;
  testAccuracy?: number;
  /** Distinct units k of n per layer (hidden layers and output), from the last metrics. */
  distinct: Array<{ k: number; n: number }>;
  /** Step at which weights became NaN/Inf, if they did. */
  divergedAt?: number;
}

/** One run in the history. */
export interface HistoryEntry {
  id: string;
  /** What the user reads; starts as the run's label, can be renamed. */
  label: string;
  spec: PanelRunSpec;
  startedAt: number;
  /** Set when the run ended; undefined while it still trains. */
  endedAt?: number;
  outcome: RunOutcome;
  /** Id of the run that trained beside it in lockstep, if any. */
  partnerId?: string;
}

/** Where the history is kept (the extension's globalState in production). */
export interface HistoryStore {
  get(): unknown;
  set(value: unknown): PromiseLike<void> | void;
}

/** Options for RunHistory. */
export interface RunHistoryOptions {
  max?: number;
  now?: () => number;
  /** Delay (ms) between progress updates and their write to the store. */
  saveDelayMs?: number;
  onError?: (err: unknown) => void;
}

/** The outcome of a session run record. */
export function outcomeOf(record: RunRecord): RunOutcome {
  const m = record.metrics;
  const distinct = record.metrics?.layers.map((l, i) => ({ k: l.symmetry.distinctUnits, n: record.spec.config.layers[i]?.units ?? l.symmetry.distinctUnits })) ?? [];
  return {
    steps: record.step,
    ...(m && Number.isFinite(m.trainLoss) ? { finalLoss: m.trainLoss } : {}),
    ...(m && Number.isFinite(m.testAccuracy) ? { testAccuracy: m.testAccuracy } : {}),
    distinct,
    ...(record.divergedAt !== undefined ? { divergedAt: record.divergedAt } : {}),
  };
}

function initName(init: InitializerSpec): string {
  switch (init.kind) {
    case 'constant': return `constant ${init.value}`;
    case 'normal': return `normal σ ${init.std}`;
    case 'uniform': return `uniform ±${init.high}`;
    case 'kaimingNormal': return 'He normal';
    case 'kaimingUniform': return 'He uniform';
    case 'xavierNormal': return 'Xavier normal';
    case 'xavierUniform': return 'Xavier uniform';
    case 'tiledRandom': return 'tiled random';
    default: return init.kind;
  }
}

/** A one-line summary of a configuration: "2→16→16→1 tanh · constant 0.5 · sgd lr 0.3 · circles". */
export function configSummary(config: TrainConfig): string {
  let inputs: number | undefined;
  try {
    inputs = datasetShape(config.dataset).inputSize;
  } catch {
    inputs = undefined;
  }
  const widths = config.layers.map((l) => l.units).join('→');
  const shape = inputs !== undefined ? `${inputs}→${widths}` : widths;
  const activation = config.layers[0]?.activation ?? '';
  const inits = [...new Set(config.layers.map((l) => initName(l.weightInit)))].join(', ');
  const opt = config.optimizer as { kind: string; lr?: number };
  return `${shape} ${activation} · ${inits} · ${opt.kind}${opt.lr !== undefined ? ` lr ${opt.lr}` : ''} · ${config.dataset.name}`;
}

/**
 * How text is worded and numbers written: `vscode` itself in the extension (its l10n and display
 * language), English here and in tests.
 */
export interface Wording {
  l10n: { t(message: string, ...args: Array<string | number | boolean>): string };
  env: { language: string };
}

/** English, numbers as English writes them. */
export const ENGLISH: Wording = { l10n: { t: (message, ...args) => format(message, args) }, env: { language: 'en' } };

/** A one-line outcome: "loss 0.693 · distinct 1/16, 1/16, 1/1 · 400 steps" or "diverged at step 40 · 40 steps". */
export function outcomeSummary(o: RunOutcome, text: Wording = ENGLISH): string {
  const numbers = numbersIn(text.env.language);
  const parts: string[] = [];
  if (o.divergedAt !== undefined) parts.push(text.l10n.t('diverged at step {0}', numbers.count(o.divergedAt)));
  else if (o.finalLoss !== undefined) parts.push(text.l10n.t('loss {0}', numbers.fixed(o.finalLoss, 3)));
  if (o.distinct.length) parts.push(text.l10n.t('distinct {0}', o.distinct.map((d) => `${d.k}/${d.n}`).join(', ')));
  parts.push(text.l10n.t('{0} steps', numbers.count(o.steps)));
  return parts.join(' · ');
}

function parseOutcome(raw: unknown): RunOutcome | undefined {
  if (!isObject(raw) || !isFiniteNumber(raw.steps) || !Array.isArray(raw.distinct)) return undefined;
  const distinct = raw.distinct.filter((d): d is { k: number; n: number } => isObject(d) && isFiniteNumber(d.k) && isFiniteNumber(d.n)).map((d) => ({ k: d.k, n: d.n }));
  return {
    steps: raw.steps, distinct,
    ...(isFiniteNumber(raw.finalLoss) ? { finalLoss: raw.finalLoss } : {}),
    ...(isFiniteNumber(raw.testAccuracy) ? { testAccuracy: raw.testAccuracy } : {}),
    ...(isFiniteNumber(raw.divergedAt) ? { divergedAt: raw.divergedAt } : {}),
  };
}

/**
 * Reads persisted history (untrusted: another version of the extension may have written it),
 * keeping the valid entries, newest first, at most `max`. Never throws.
 */
export function parseHistory(raw: unknown, max = MAX_HISTORY): HistoryEntry[] {
  if (!isObject(raw) || raw.version !== HISTORY_VERSION || !Array.isArray(raw.entries)) return [];
  const out: HistoryEntry[] = [];
  for (const e of raw.entries) {
    if (out.length >= max) break;
    if (!isObject(e) || !isShortString(e.id, 100) || !isShortString(e.label, 200) || !isFiniteNumber(e.startedAt)) continue;
    const spec = e.spec;
    if (!isObject(spec) || !isShortString(spec.label, 200) || !isObject(spec.config) || !Array.isArray(spec.config.layers)) continue;
    const outcome = parseOutcome(e.outcome);
    if (!outcome) continue;
    out.push({
      id: e.id, label: e.label, spec: { label: spec.label, config: spec.config as unknown as TrainConfig }, startedAt: e.startedAt, outcome,
      ...(isFiniteNumber(e.endedAt) ? { endedAt: e.endedAt } : {}),
      ...(isShortString(e.partnerId, 100) ? { partnerId: e.partnerId } : {}),
    });
  }
  return out;
}

/** The run history: follows the training session, persists itself, bounded. */
export class RunHistory {
  private entries: HistoryEntry[] | undefined;
  private live: string[] = [];
  private readonly max: number;
  private readonly now: () => number;
  private readonly saveDelayMs: number;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private counter = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: HistoryStore, private readonly options: RunHistoryOptions = {}) {
    this.max = Math.max(1, options.max ?? MAX_HISTORY);
    this.now = options.now ?? Date.now;
    this.saveDelayMs = options.saveDelayMs ?? 2000;
  }

  /** Entries, newest first (read from the store on first use, not at construction). */
  get list(): readonly HistoryEntry[] {
    return this.load();
  }

  /** Ids of the entries whose runs are still training in the session. */
  get liveIds(): readonly string[] {
    return this.live;
  }

  /** The entry with this id. */
  get(id: string): HistoryEntry | undefined {
    return this.load().find((e) => e.id === id);
  }

  /** Subscribes to changes of the list; returns the unsubscribe function. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Follows the training session: new entries on start, progress on update, outcome on end. */
  onSessionChange(change: SessionChange): void {
    const entries = this.load();
    switch (change.kind) {
      case 'started': {
        const at = this.now();
        const fresh = change.runs.map((r): HistoryEntry => ({ id: `${at.toString(36)}-${(this.counter++).toString(36)}`, label: r.spec.label, spec: r.spec, startedAt: at, outcome: outcomeOf(r) }));
        if (fresh.length === 2) {
          fresh[0].partnerId = fresh[1].id;
          fresh[1].partnerId = fresh[0].id;
        }
        this.live = fresh.map((e) => e.id);
        this.entries = [...fresh, ...entries].slice(0, this.max);
        this.saveNow();
        break;
      }
      case 'updated':
        if (!this.updateLive(change.runs)) return;
        this.saveSoon();
        break;
      case 'ended': {
        this.updateLive(change.runs);
        const at = this.now();
        for (const id of this.live) {
          const e = this.get(id);
          if (e) e.endedAt = at;
        }
        this.live = [];
        this.saveNow();
        break;
      }
    }
    this.fire();
  }

  /** Renames an entry; returns false when it does not exist or the name is empty. */
  rename(id: string, label: string): boolean {
    const e = this.get(id);
    const name = label.trim().slice(0, 200);
    if (!e || !name) return false;
    e.label = name;
    this.saveNow();
    this.fire();
    return true;
  }

  /** Deletes entries by id. */
  remove(ids: readonly string[]): void {
    const gone = new Set(ids);
    this.entries = this.load().filter((e) => !gone.has(e.id));
    for (const e of this.entries) if (e.partnerId && gone.has(e.partnerId)) delete e.partnerId;
    this.live = this.live.filter((id) => !gone.has(id));
    this.saveNow();
    this.fire();
  }

  /** Deletes every entry. */
  clear(): void {
    this.remove(this.load().map((e) => e.id));
  }

  /** Writes pending progress now (at shutdown). */
  flush(): void {
    if (this.saveTimer !== undefined) this.saveNow();
  }

  /** Stops the pending write timer after writing what it waited for. */
  dispose(): void {
    this.flush();
    this.listeners.clear();
  }

  private load(): HistoryEntry[] {
    if (!this.entries) {
      try {
        this.entries = parseHistory(this.store.get(), this.max);
      } catch (err) {
        this.options.onError?.(err);
        this.entries = [];
      }
    }
    return this.entries;
  }

  private updateLive(runs: readonly RunRecord[]): boolean {
    let changed = false;
    for (const [i, r] of runs.entries()) {
      const e = this.live[i] !== undefined ? this.get(this.live[i]) : undefined;
      if (!e) continue;
      e.outcome = outcomeOf(r);
      changed = true;
    }
    return changed;
  }

  private saveSoon(): void {
    if (this.saveTimer !== undefined) return;
    this.saveTimer = setTimeout(() => this.saveNow(), this.saveDelayMs);
  }

  private saveNow(): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    try {
      const done = this.store.set({ version: HISTORY_VERSION, entries: this.load() });
      if (done) Promise.resolve(done).then(undefined, (err: unknown) => this.options.onError?.(err));
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  private fire(): void {
    for (const l of [...this.listeners]) l();
  }
}
