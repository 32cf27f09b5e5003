// Flow control between the trainer and one webview: per run, at most one snapshot is in flight and
// at most one waits (the latest; older ones are dropped), and nothing is sent while the view is hidden.

/** Sends one message; resolves when the webview has taken it. */
export type Post<M> = (message: M) => PromiseLike<boolean>;

/** Latest-wins delivery of bulk messages keyed by run. */
export class SnapshotPump<M> {
  private readonly inFlight = new Set<number>();
  private readonly waiting = new Map<number, M>();
  private visible = true;
  private disposed = false;
  /** Snapshots dropped because a newer one replaced them before delivery (for tests and stats). */
  dropped = 0;

  constructor(private readonly post: Post<M>) {}

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
    if (visible) for (const run of [...this.waiting.keys()]) this.flush(run);
  }

  /** Forgets everything waiting (e.g. when new runs replace the old ones). */
  clear(): void {
    this.waiting.clear();
  }

  /** Stops sending. */
  dispose(): void {
    this.disposed = true;
    this.waiting.clear();
  }

  private flush(run: number): void {
    if (!this.visible || this.inFlight.has(run) || this.disposed) return;
    const message = this.waiting.get(run);
    if (message === undefined) return;
    this.waiting.delete(run);
    this.inFlight.add(run);
    const done = () => {
      this.inFlight.delete(run);
      this.flush(run);
    };
    Promise.resolve(this.post(message)).then(done, done);
  }
}
