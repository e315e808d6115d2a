// One model per document version, shared by every feature.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, Model, SymbolFileSource } from './analysis/model';
import { reanalyze } from './analysis/reanalyze';
import type { Arch } from './analysis/types';

interface Entry {
  version: number;
  arch: Arch | undefined;
  symbolFiles: readonly SymbolFileSource[];
  model: Model;
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  arch: Arch | undefined;
  /** Documents larger than this get highlighting only. */
  maxBytes = 64 * 1024 * 1024;
  /** Parsed crashlog.symbolFiles; replacing the array re-analyses every document on next use. */
  symbolFiles: readonly SymbolFileSource[] = [];

  get(document: TextDocument): Model | undefined {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.arch === this.arch && cached.symbolFiles === this.symbolFiles)
      return cached.model;
    // The superseded model goes first, so the collector can reclaim it while the new one is built;
    // when only the text changed it still serves the re-analysis of the unchanged lines.
    this.entries.delete(document.uri);
    const text = document.getText();
    if (text.length > this.maxBytes) return undefined;
    const options = { arch: this.arch, symbolFiles: this.symbolFiles };
    const reusable = cached && cached.arch === this.arch && cached.symbolFiles === this.symbolFiles ? cached.model : undefined;
    const model = reusable ? reanalyze(reusable, text, options) : analyze(text, options);
    this.entries.set(document.uri, { version: document.version, arch: this.arch, symbolFiles: this.symbolFiles, model });
    return model;
  }

  tooLarge(document: TextDocument): boolean {
    return document.getText().length > this.maxBytes;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
