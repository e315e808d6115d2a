// An open document as the server keeps it: its text is the analysis' LineIndex, which an edit
// derives from the version before, sharing the chunks the edit left alone. The model of a
// version reads that same index (no copy of the text, no second line table), and the next
// re-analysis finds what changed by the chunks the two versions do not share.
import type { DocumentUri, Position, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LineIndex } from './analysis/lines';

export class TranscriptDocument {
  private constructor(
    readonly uri: DocumentUri,
    readonly languageId: string,
    public version: number,
    public text: LineIndex,
  ) {}

  static create(this: void, uri: DocumentUri, languageId: string, version: number, content: string): TranscriptDocument {
    return new TranscriptDocument(uri, languageId, version, new LineIndex(content));
  }

  /** Applies an editor's changes in order, as TextDocument.update does. */
  static update(
    this: void,
    document: TranscriptDocument,
    changes: TextDocumentContentChangeEvent[],
    version: number,
  ): TranscriptDocument {
    for (const change of changes) {
      if ('range' in change) {
        const start = document.offsetAt(change.range.start);
        const end = document.offsetAt(change.range.end);
        document.text = document.text.replaced(start, Math.max(start, end), change.text);
      } else document.text = new LineIndex(change.text);
    }
    document.version = version;
    return document;
  }

  /** Characters of the text. */
  get length(): number {
    return this.text.length;
  }

  get lineCount(): number {
    return this.text.lineCount;
  }

  /** The whole text in one string (made when first asked for a text in chunks). */
  getText(): string {
    return this.text.source;
  }

  /** The offset of a position; a line past the last means the end of the text, as editors send it. */
  offsetAt(position: Position): number {
    if (position.line >= this.text.lineCount) return this.text.length;
    if (position.line < 0) return 0;
    return this.text.offsetAt(position);
  }

  positionAt(offset: number): Position {
    return this.text.positionAt(offset);
  }
}
