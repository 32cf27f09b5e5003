// Analysis sessions by document, for a process that serves every open document (the analyzer
// worker): each document's successive versions reuse what was read from the last one. Only the most
// recently analyzed documents are kept, within a count and a total text size (a session holds a model
// about ten times its text's size), so memory stays bounded however many documents are opened.
import { AnalysisSession } from './index';
import type { AnalysisResult } from './findings';
import type { AnalyzeOptions } from './languages';

export class SessionStore {
  private readonly sessions = new Map<string, { session: AnalysisSession; size: number }>();

  constructor(
    private readonly maxDocuments = 8,
    /** Characters of text kept in all, counting the documents' last versions. */
    private readonly maxChars = 4_000_000,
  ) {}

  /** Analyzes a version of `document` through its session; a text the session skips as too large drops the session. */
  analyze(document: string, text: string, options: AnalyzeOptions): AnalysisResult {
    const session = this.sessions.get(document)?.session ?? new AnalysisSession();
    this.sessions.delete(document);
    const result = session.analyze(text, options);
    if (result.skipped?.reason !== 'tooLarge') this.keep(document, session, text.length);
    return result;
  }

  /** Drops what was kept of `document` (it closed). */
  forget(document: string): void {
    this.sessions.delete(document);
  }

  /** The session kept for `document`, if any (tests). */
  sessionOf(document: string): AnalysisSession | undefined {
    return this.sessions.get(document)?.session;
  }

  /** Documents with a session, least recently used first (tests). */
  documents(): string[] {
    return [...this.sessions.keys()];
  }

  /** Makes `document` the most recently used, then drops the least recently used over the budgets (never the one in hand). */
  private keep(document: string, session: AnalysisSession, size: number): void {
    this.sessions.set(document, { session, size });
    let total = 0;
    for (const s of this.sessions.values()) total += s.size;
    const oldestFirst = [...this.sessions.keys()];
    for (const doc of oldestFirst) {
      if (this.sessions.size <= 1 || (this.sessions.size <= this.maxDocuments && total <= this.maxChars)) break;
      total -= this.sessions.get(doc)?.size ?? 0;
      this.sessions.delete(doc);
    }
  }
}
