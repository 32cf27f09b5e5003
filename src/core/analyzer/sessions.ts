// Analysis sessions by document, for a process that serves every open document (the analyzer
// worker): each document's successive versions reuse what was read from the last one. Only the most
// recently analyzed documents are kept, within a count and a total text size (a session holds a model
// about ten times its text's size), so memory stays bounded however many documents are opened.
import { AnalysisSession } from './index';

export class SessionStore {
  private readonly sessions = new Map<string, { session: AnalysisSession; size: number }>();

  constructor(
    private readonly maxDocuments = 8,
    /** Characters of text kept in all, counting the documents' last versions. */
    private readonly maxChars = 4_000_000,
  ) {}

  /** The session of `document`, whose version to analyze has `size` characters: made now or reused, now the most recently used. */
  get(document: string, size: number): AnalysisSession {
    const kept = this.sessions.get(document);
    this.sessions.delete(document);
    const session = kept?.session ?? new AnalysisSession();
    this.sessions.set(document, { session, size });
    let total = 0;
    for (const s of this.sessions.values()) total += s.size;
    for (const [doc, s] of this.sessions) {
      if (this.sessions.size <= 1 || (this.sessions.size <= this.maxDocuments && total <= this.maxChars)) break;
      this.sessions.delete(doc);
      total -= s.size;
    }
    return session;
  }

  /** Documents with a session, least recently used first (tests). */
  documents(): string[] {
    return [...this.sessions.keys()];
  }
}
