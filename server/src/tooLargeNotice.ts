// Tells the client, once per document, that a document is over crashlog.maxFileSizeMB and
// gets highlighting only.
import type { Connection } from 'vscode-languageserver';
import type { TranscriptDocument } from './transcriptDocument';
import { TooLargeNotification } from '../../protocol/src';
import type { Documents } from './documents';

const toMB = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export class TooLargeNotice {
  private readonly told = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: Documents,
  ) {
    documents.documents.onDidChangeContent((event) => this.check(event.document));
    documents.documents.onDidClose((event) => this.told.delete(event.document.uri));
  }

  checkAll(): void {
    for (const document of this.documents.all()) this.check(document);
  }

  private check(document: TranscriptDocument): void {
    const models = this.documents.models;
    if (!models.tooLarge(document)) {
      this.told.delete(document.uri);
      return;
    }
    if (this.told.has(document.uri)) return;
    this.told.add(document.uri);
    void this.connection.sendNotification(TooLargeNotification, {
      uri: document.uri,
      sizeMB: toMB(document.length),
      limitMB: toMB(models.maxBytes),
    });
  }
}
