// Flow control between the trainer and one webview: per run, at most one snapshot is in flight and
// at most one waits (the latest; older ones are dropped), and nothing is sent while the view is hidden.
// Optionally the pump also keeps to a byte budget per second (shared by its runs): every byte a
// webview receives costs main-thread time in the workbench (socket, copies, structured clones) that
// is taken from the page's frames, so big networks get fewer snapshots instead of fewer frames.

/** Sends one message; resolves when the webview has taken it. */
export type Post<M> = (message: M) => PromiseLike<boolean>;

/** The clock and timer the byte budget uses (injected by tests). */
export interface PumpClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Optional byte budget of a pump. */
export interface PumpBudget<M> {
  /** Bytes of one message (only what is worth counting, e.g. the weights of a snapshot). */
  size(message: M): number;
  /** Most bytes per second sent to the view, averaged over consecutive messages. */
  bytesPerSecond: number;
  clock?: PumpClock;
}

const systemClock: PumpClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Latest-wins delivery of bulk messages keyed by run. */
export class SnapshotPump<M> {
  private readonly inFlight = new Set<number>();
  private readonly waiting = new Map<number, M>();
  private visible = true;
  private disposed = false;
  /** With a budget: when the next message may go out (clock ms). */
  private nextSendAt = -Infinity;
  private timer: unknown;
  private readonly clock: PumpClock;
  /** Snapshots dropped because a newer one replaced them before delivery (for tests and stats). */
  dropped = 0;

  constructor(private readonly post: Post<M>, private readonly budget?: PumpBudget<M>) {
    this.clock = budget?.clock ?? systemClock;
  }

  /** Offers the newest message of `run`; it replaces any undelivered one of the same run. */
  offer(run: number, message: M): void {
    if (this.disposed) return;
    if (this.waiting.has(run)) this.dropped++;
    this.waiting.set(run, message);
    this.flush(run);
  }

  /** Hidden views get nothing; on becoming visible, each run's latest message is sent. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.flushAll();
  }

  /** Forgets everything waiting (e.g. when new runs replace the old ones). */
  clear(): void {
    this.waiting.clear();
  }

  /** Stops sending. */
  dispose(): void {
    this.disposed = true;
    this.waiting.clear();
    this.cancelTimer();
  }

  private flushAll(): void {
    for (const run of [...this.waiting.keys()]) this.flush(run);
  }

  private flush(run: number): void {
    if (!this.visible || this.inFlight.has(run) || this.disposed) return;
    const message = this.waiting.get(run);
    if (message === undefined) return;
    if (this.budget) {
      const now = this.clock.now();
      if (now < this.nextSendAt) {
        this.wakeAt(this.nextSendAt - now);
        return;
      }
      const bytes = Math.max(0, this.budget.size(message));
      this.nextSendAt = now + (bytes / this.budget.bytesPerSecond) * 1000;
    }
    this.waiting.delete(run);
    this.inFlight.add(run);
    const done = () => {
      this.inFlight.delete(run);
      this.flush(run);
    };
    Promise.resolve(this.post(message)).then(done, done);
  }

  /** One timer for all runs: when the budget allows again, whatever waits is sent. */
  private wakeAt(ms: number): void {
    if (this.timer !== undefined) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flushAll();
    }, Math.ceil(ms));
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
