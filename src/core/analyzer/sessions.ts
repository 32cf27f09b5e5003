// Analysis sessions by document, for a process that serves every open document (the analyzer
// worker): each document's successive versions reuse what was read from the last one, and only the
// most recently analyzed documents are kept, so memory stays bounded however many are opened.
import { AnalysisSession } from './index';

export class SessionStore {
  private readonly sessions = new Map<string, AnalysisSession>();

  constructor(private readonly capacity = 8) {}

  /** The session of `document` (made now, or reused), now the most recently used. */
  get(document: string): AnalysisSession {
    let session = this.sessions.get(document);
    if (session) this.sessions.delete(document);
    else session = new AnalysisSession();
    this.sessions.set(document, session);
    if (this.sessions.size > this.capacity) this.sessions.delete(this.sessions.keys().next().value as string);
    return session;
  }

  /** Documents with a session, least recently used first (tests). */
  documents(): string[] {
    return [...this.sessions.keys()];
  }
}
