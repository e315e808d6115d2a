// The server's converters from the analysis' plain data to LSP types.
import { strict as assert } from 'assert';
import { DiagnosticSeverity, SymbolKind } from 'vscode-languageserver';
import { encodeSemanticTokens, lineStart, toDocumentSymbol, toFoldingRange, toLspDiagnostic } from '../../server/src/lsp/convert';

const range = (line: number, start: number, end: number) => ({
  start: { line, character: start },
  end: { line, character: end },
});

describe('LSP converters', () => {
  it('maps a diagnostic with its severity, code, related lines and actions', () => {
    const converted = toLspDiagnostic(
      {
        code: 'call-target-mismatch',
        severity: 'warning',
        message: 'calls x',
        range: range(3, 4, 20),
        related: [{ range: range(9, 0, 5), message: 'the call' }],
        actions: [{ title: 'Show', showUnwindFromLine: 2 }],
      },
      'file:///a.crashlog',
    );
    assert.equal(converted.severity, DiagnosticSeverity.Warning);
    assert.equal(converted.code, 'call-target-mismatch');
    assert.equal(converted.source, 'crashlog');
    assert.deepEqual(converted.range, range(3, 4, 20));
    assert.deepEqual(converted.relatedInformation, [
      { location: { uri: 'file:///a.crashlog', range: range(9, 0, 5) }, message: 'the call' },
    ]);
    assert.deepEqual(converted.data, { actions: [{ title: 'Show', showUnwindFromLine: 2 }] });
  });

  it('maps every severity and leaves data out when there is no action', () => {
    const of = (severity: 'error' | 'warning' | 'info') =>
      toLspDiagnostic({ code: 'c', severity, message: 'm', range: range(0, 0, 1), related: [] }, 'u');
    assert.deepEqual(
      [of('error').severity, of('warning').severity, of('info').severity],
      [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information],
    );
    assert.equal(of('error').data, undefined);
  });

  it('maps an outline item to a symbol spanning whole lines, with its name as selection', () => {
    const symbol = toDocumentSymbol(
      {
        name: 'PID 1316 containerd-shim',
        kind: 'backtrace',
        line: 2,
        endLine: 5,
        start: 0,
        end: 8,
        children: [{ name: '', kind: 'frame', line: 3, endLine: 3, start: 1, end: 3, children: [] }],
      },
      (line) => line * 10,
    );
    assert.equal(symbol.kind, SymbolKind.Class);
    assert.deepEqual(symbol.range, { start: { line: 2, character: 0 }, end: { line: 5, character: 50 } });
    assert.deepEqual(symbol.selectionRange, range(2, 0, 8));
    assert.equal(symbol.children?.[0].name, '?', 'an empty name would be refused by VS Code');
    assert.equal(symbol.children?.[0].kind, SymbolKind.Function);
  });

  it('maps folds and CodeLens anchors', () => {
    assert.deepEqual(toFoldingRange({ start: 1, end: 4, kind: 'comment' }), { startLine: 1, endLine: 4, kind: 'comment' });
    assert.deepEqual(toFoldingRange({ start: 1, end: 4, kind: 'region' }).kind, 'region');
    assert.deepEqual(lineStart(7), range(7, 0, 0));
  });

  it('delta-encodes semantic tokens: line delta, column delta on the same line, absolute on a new one', () => {
    const encoded = encodeSemanticTokens([
      { line: 1, start: 4, length: 16, type: 1, modifiers: 0 },
      { line: 1, start: 22, length: 16, type: 2, modifiers: 1 },
      { line: 3, start: 2, length: 8, type: 0, modifiers: 2 },
    ]);
    assert.deepEqual(encoded.data, [1, 4, 16, 1, 0, 0, 18, 16, 2, 1, 2, 2, 8, 0, 2]);
  });
});
