// What an LSP feature module gets from the composition, and what it gives back.
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import type { Model } from '../analysis/model';
import type { Configuration } from '../configuration';
import type { Documents } from '../documents';

export interface ServerContext {
  connection: Connection;
  /** Models only through `documents.withModel`. */
  documents: Documents;
  configuration: Configuration;
}

export interface Feature {
  /** Merged into the initialize result. */
  capabilities: ServerCapabilities;
  register(context: ServerContext): void;
  /**
   * Work worth doing before anyone asks, once a document version has its diagnostics and
   * indexes: a step per yield, dropped when the document changes meanwhile.
   */
  settled?(model: Model): Generator<void, void>;
}
