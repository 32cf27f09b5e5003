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
  statements: readonly Statement[];
  imports: ImportBinding[];
  comments: Program['comments'];
  words: string[];
}

/** A kept model and what decided which of its chunk's statements were converted (see buildProgram). */
interface Kept {
  chunk: KeptChunk;
  signature: string;
}

interface Entry {
  tree?: Tree;
  /** Models of the last analysis, in file order (a chunk text met twice in a file has one per place). */
  models: Kept[];
  /** How many of `models` this analysis has used or passed over. */
  taken: number;
  /** Models of this analysis, kept for the next one. */
  next: Kept[];
}

export class ChunkCache {
  /** Number of Lezer parses this cache has run (tests check that an edit re-parses one chunk). */
  parses = 0;
  /** Number of chunks not reused but taken from the text since the cache was made (tests count what an edit reads). */
  misses = 0;
  private previous = new Map<string, Entry>();
  private current = new Map<string, Entry>();

  private entry(text: string): Entry {
    let e = this.current.get(text);
    if (!e) {
      const last = this.previous.get(text);
      e = { tree: last?.tree, models: last?.next ?? [], taken: 0, next: [] };
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
   * The next model read from `text` under `signature` not used yet in this analysis, moved to offset
   * `from`; undefined when there is none (then buildProgram reads the chunk and hands it to `keep`).
   */
  model(text: string, signature: string, from: number): KeptChunk | undefined {
    const e = this.entry(text);
    while (e.taken < e.models.length) {
      const kept = e.models[e.taken++];
      if (kept.signature !== signature) continue;
      e.next.push(kept);
      const chunk = kept.chunk;
      if (chunk.from !== from) {
        moveModel(chunk.statements, chunk.comments, from - chunk.from);
        chunk.from = from;
      }
      return chunk;
    }
    return undefined;
  }

  /** Keeps the model just read from `text` for the next analysis. */
  keep(text: string, signature: string, chunk: KeptChunk): void {
    this.misses++;
    this.entry(text).next.push({ chunk, signature });
  }

  /** Ends one analysis: keeps what it used or read for the next one and drops the rest. */
  commit(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}
