// Bounded per-run history of metrics for the charts: when full, every other point of the older
// half is dropped, so the whole run stays visible with memory capped.
import type { Metrics } from '../../src/core/trainer/metrics';

/** Largest number of points a history keeps. */
export const HISTORY_CAPACITY = 800;

/** Metrics of one run over time (parallel arrays). */
export class MetricsHistory {
  steps: number[] = [];
  trainLoss: number[] = [];
  testLoss: number[] = [];
  /** distinct[l][t] = distinct units of layer l at point t. */
  distinct: number[][] = [];
  /** gradNorm[l][t] = Frobenius norm of layer l's weight gradient at point t. */
  gradNorm: number[][] = [];

  /** Appends the metrics of a step (ignored if not newer than the last point). */
  push(m: Metrics): void {
    const last = this.steps[this.steps.length - 1];
    if (last !== undefined && m.step <= last) {
      if (m.step < last) this.clear();
      else return;
    }
    this.steps.push(m.step);
    this.trainLoss.push(m.trainLoss);
    this.testLoss.push(m.testLoss);
    m.layers.forEach((l, i) => {
      (this.distinct[i] ??= []).push(l.symmetry.distinctUnits);
      (this.gradNorm[i] ??= []).push(l.gradWeightNorm);
    });
    if (this.steps.length > HISTORY_CAPACITY) this.thin();
  }

  /** Forgets everything (a new run started). */
  clear(): void {
    this.steps = [];
    this.trainLoss = [];
    this.testLoss = [];
    this.distinct = [];
    this.gradNorm = [];
  }

  private thin(): void {
    const half = Math.floor(this.steps.length / 2);
    const keep = (a: number[]): number[] => a.filter((_, i) => i >= half || i % 2 === 0);
    this.steps = keep(this.steps);
    this.trainLoss = keep(this.trainLoss);
    this.testLoss = keep(this.testLoss);
    this.distinct = this.distinct.map(keep);
    this.gradNorm = this.gradNorm.map(keep);
  }
}
