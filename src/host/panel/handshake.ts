/** How the webview's protocol version compares with the host's. */
export type ProtocolMatch = 'same' | 'older' | 'newer';

/** 'same' when both speak `ours`; else whether the webview comes from an older or a newer build. */
export function compareProtocol(theirs: number, ours: number): ProtocolMatch {
  return theirs === ours ? 'same' : theirs < ours ? 'older' : 'newer';
}

/**
 * The host's side of the panel handshake (pure). The webview says `ready` with its protocol version
 * each time it loads; a webview of another build cannot read our messages, so once one has said so
 * nothing more is sent to the panel, whatever it says afterwards.
 */
export class PanelHandshake {
  private state: 'waiting' | 'ready' | 'incompatible' = 'waiting';

  constructor(private readonly ours: number) {}

  /** Records the webview's `ready`; anything but 'same' makes the panel incompatible for good. */
  ready(theirs: number): ProtocolMatch {
    const match = compareProtocol(theirs, this.ours);
    if (this.state !== 'incompatible') this.state = match === 'same' ? 'ready' : 'incompatible';
    return match;
  }

  /** The webview was torn down (hidden without retainContextWhenHidden): wait for its next `ready`. */
  lost(): void {
    if (this.state === 'ready') this.state = 'waiting';
  }

  /** True between a compatible `ready` and the webview being torn down: it listens and reads our messages. */
  get isReady(): boolean {
    return this.state === 'ready';
  }

  /** True once a webview of another build said `ready`: nothing may be sent to the panel any more. */
  get incompatible(): boolean {
    return this.state === 'incompatible';
  }
}
