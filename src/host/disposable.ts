import * as vscode from 'vscode';

/** Base class for objects that own Disposables: whatever they register is disposed with them. */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  /** Takes ownership of `d`; if this object is already disposed, `d` is disposed at once. */
  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  /** True once dispose() has run. */
  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.owned.length) this.owned.pop()?.dispose();
  }
}
