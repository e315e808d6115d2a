// The analysis' plain data mapped to LSP types. Ranges are already 0-based lines and
// UTF-16 columns on both sides; what differs is severities, kinds and encodings.
import {
  DiagnosticSeverity,
  SemanticTokensBuilder,
  SymbolKind,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Range,
  type SemanticTokens,
} from 'vscode-languageserver';
import type { ActionableDiagnostic } from '../analysis/diagnostics';
import type { SemanticToken } from '../analysis/semanticTokens';
import type { Fold, OutlineItem } from '../analysis/structure';
import type { Severity } from '../analysis/types';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspRange(range: Range): Range {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

/** A whole line as a zero-width range at its start (CodeLens anchors). */
export function lineStart(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** A diagnostic of `uri`; its actions travel in `data` for the code-action handler. */
export function toLspDiagnostic(d: ActionableDiagnostic, uri: string): Diagnostic {
  return {
    data: d.actions?.length ? { actions: d.actions } : undefined,
    range: toLspRange(d.range),
    severity: SEVERITIES[d.severity] ?? DiagnosticSeverity.Information,
    code: d.code,
    source: 'crashlog',
    message: d.message,
    relatedInformation: d.related.map((r) => ({ location: { uri, range: toLspRange(r.range) }, message: r.message })),
  };
}

const SYMBOL_KINDS: Record<OutlineItem['kind'], SymbolKind> = {
  heading: SymbolKind.Namespace,
  command: SymbolKind.Event,
  backtrace: SymbolKind.Class,
  frame: SymbolKind.Function,
  report: SymbolKind.Event,
  struct: SymbolKind.Struct,
};

/** An outline item; `lineLength` gives the end column of its last line. */
export function toDocumentSymbol(item: OutlineItem, lineLength: (line: number) => number): DocumentSymbol {
  return {
    name: item.name || '?',
    detail: item.detail,
    kind: SYMBOL_KINDS[item.kind],
    range: { start: { line: item.line, character: 0 }, end: { line: item.endLine, character: lineLength(item.endLine) } },
    selectionRange: { start: { line: item.line, character: item.start }, end: { line: item.line, character: item.end } },
    children: item.children.map((c) => toDocumentSymbol(c, lineLength)),
  };
}

export function toFoldingRange(fold: Fold): FoldingRange {
  return { startLine: fold.start, endLine: fold.end, kind: fold.kind === 'comment' ? 'comment' : 'region' };
}

/** Tokens in document order, delta-encoded as LSP wants them. */
export function encodeSemanticTokens(tokens: readonly SemanticToken[]): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const t of tokens) builder.push(t.line, t.start, t.length, t.type, t.modifiers);
  return builder.build();
}
