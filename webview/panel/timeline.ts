// Bounded ring of recorded snapshots for scrubbing back in time: records at most every
// MIN_INTERVAL_MS, and when full drops every other frame of the older half (oldest thinned).
import type { Layer } from './arrays';

/** Most frames kept. */
export const TIMELINE_CAPACITY = 240;
/** Memory budget of the recorded weights; big networks keep fewer frames. */
export const TIMELINE_BYTES = 48 * 1024 * 1024;
/** Shortest time between two recorded frames. */
const MIN_INTERVAL_MS = 150;

/** Weights of every run at one moment. */
export interface TimelineFrame {
  step: number;
  runs: (Layer[] | null)[];
}

/** The recorded frames of the current runs. */
export class Timeline {
  private frames: TimelineFrame[] = [];
  private lastRecord = -Infinity;

  /** Number of frames. */
  get length(): number {
    return this.frames.length;
  }

  /** Frame i (0 = oldest). */
  at(i: number): TimelineFrame | undefined {
    return this.frames[i];
  }

  /** Records a frame if enough time passed (or `force`) and the step moved; returns whether it did. */
  record(step: number, runs: (Layer[] | null)[], now: number, force = false): boolean {
    const last = this.frames[this.frames.length - 1];
    if (last && last.step === step) return false;
    if (!force && now - this.lastRecord < MIN_INTERVAL_MS) return false;
    this.lastRecord = now;
    this.frames.push({ step, runs });
    let bytes = 0;
    for (const layers of runs) for (const l of layers ?? []) bytes += l.weights.byteLength + l.biases.byteLength;
    const capacity = Math.max(8, Math.min(TIMELINE_CAPACITY, Math.floor(TIMELINE_BYTES / Math.max(1, bytes))));
    while (this.frames.length > capacity) {
      const half = Math.floor(this.frames.length / 2);
      this.frames = this.frames.filter((_, i) => i >= half || i % 2 === 0);
    }
    return true;
  }

  /** Forgets every frame (new runs). */
  clear(): void {
    this.frames = [];
    this.lastRecord = -Infinity;
  }
}
