// What an AnalysisSession keeps of a Python file's top-level chunks from one analysis to the next,
// keyed by the chunk's text: its Lezer tree (parsed from the chunk alone, so valid wherever the chunk
// moves) and the model read from it, moved to the chunk's new offset when it is used again. After an
// edit, only the chunks whose text changed are read.
import type { Tree } from '@lezer/common';
import { parser as pythonParser } from '@lezer/python';
import { moveModel, type ImportBinding, type Program, type Statement } from './model';

/** The model of one chunk: what buildProgram read from it at offset `from`. */
export interface KeptChunk {
  from: number;
  statements: Statement[];
  imports: ImportBinding[];
  comments: Program['comments'];
  words: string[];
}

/** A kept model and when it was last handed out. */
interface Kept {
  chunk: KeptChunk;
  /** What decided which of the chunk's statements were converted (see buildProgram). */
  signature: string;
  /** The analysis that last used it: a chunk text met twice in one file has a model per place. */
  usedIn: number;
}

interface Entry {
  tree?: Tree;
  models: Kept[];
}

export class ChunkCache {
  /** Number of Lezer parses this cache has run (tests check that an edit re-parses one chunk). */
  parses = 0;
  /** Number of chunks read (not reused) since the cache was made (tests count what an edit reads). */
  reads = 0;
  private previous = new Map<string, Entry>();
  private current = new Map<string, Entry>();
  private analysis = 0;

  private entry(text: string): Entry {
    let e = this.current.get(text);
    if (!e) {
      e = this.previous.get(text) ?? { models: [] };
      this.current.set(text, e);
    }
    return e;
  }

  /** The tree of one chunk's text, parsed now or reused. */
  tree(text: string): Tree {
    const e = this.entry(text);
    if (!e.tree) {
      e.tree = pythonParser.parse(text);
      this.parses++;
    }
    return e.tree;
  }

  /**
   * A model read from `text` under `signature` and not used yet in this analysis, moved to offset
   * `from`; undefined when there is none (then buildProgram reads the chunk and hands it to `keep`).
   */
  model(text: string, signature: string, from: number): KeptChunk | undefined {
    const kept = this.entry(text).models.find((m) => m.signature === signature && m.usedIn !== this.analysis);
    if (!kept) return undefined;
    kept.usedIn = this.analysis;
    const chunk = kept.chunk;
    if (chunk.from !== from) {
      moveModel(chunk.statements, chunk.comments, from - chunk.from);
      chunk.from = from;
    }
    return chunk;
  }

  /** Keeps the model just read from `text` for the next analysis. */
  keep(text: string, signature: string, chunk: KeptChunk): void {
    this.reads++;
    this.entry(text).models.push({ chunk, signature, usedIn: this.analysis });
  }

  /** Ends one analysis: keeps what it used for the next one and drops the rest. */
  commit(): void {
    for (const e of this.current.values()) e.models = e.models.filter((m) => m.usedIn === this.analysis);
    this.previous = this.current;
    this.current = new Map();
    this.analysis++;
  }
}
