// One small typed event emitter for code that must not import 'vscode' (the trainer client and the
// training session are unit-tested in plain node); its events look like vscode's, so a host owner can
// push the subscriptions into its own Disposables.

/** Something to dispose; structurally a vscode.Disposable. */
export interface DisposableLike {
  dispose(): void;
}

/** A listener of events of type T. */
export type Listener<T> = (e: T) => void;

/** Subscribes `listener`; dispose the result to unsubscribe. */
export type Event<T> = (listener: Listener<T>) => DisposableLike;

/** A typed emitter: listeners are called in subscription order, and one that throws does not stop the others. */
export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  /** `onListenerError` hears what a listener threw (the error is otherwise swallowed). */
  constructor(private readonly onListenerError: (err: unknown) => void = () => undefined) {}

  /** Subscribes; dispose the result to unsubscribe (subscribing the same function twice keeps one subscription). */
  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /** Calls every current listener; listeners added or removed meanwhile take effect from the next fire. */
  fire(e: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  /** Removes every listener (the emitter stays usable: a later subscription is heard). */
  dispose(): void {
    this.listeners.clear();
  }
}
