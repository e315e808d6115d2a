// Documents.withModel: the one path from a handler to a model. A handler that throws is
// logged once per document version (handler and line named) and answers empty.
import { strict as assert } from 'assert';
import type { Connection } from 'vscode-languageserver';
import { Configuration } from '../../server/src/configuration';
import { Documents } from '../../server/src/documents';

type Handler = (params: unknown) => void;

/** The parts of a connection that Documents and TextDocuments use, recording the log. */
function fakeConnection() {
  const handlers = new Map<string, Handler>();
  const on = (name: string) => (handler: Handler) => {
    handlers.set(name, handler);
    return { dispose: () => handlers.delete(name) };
  };
  const errors: string[] = [];
  const connection = {
    console: { error: (message: string) => errors.push(message), info: () => undefined },
    onDidOpenTextDocument: on('open'),
    onDidChangeTextDocument: on('change'),
    onDidCloseTextDocument: on('close'),
    onWillSaveTextDocument: on('willSave'),
    onWillSaveTextDocumentWaitUntil: on('willSaveWaitUntil'),
    onDidSaveTextDocument: on('save'),
    onDidChangeConfiguration: on('configuration'),
  };
  const send = (name: string, params: unknown) => handlers.get(name)!(params);
  return { connection: connection as unknown as Connection, errors, send };
}

describe('withModel', () => {
  const uri = 'file:///a.crashlog';
  const text = 'crash> bt\nPID: 1   TASK: ffff8ce761c317c0  CPU: 0   COMMAND: "x"\n';

  function setup() {
    const fake = fakeConnection();
    const host = { yieldToQueue: () => Promise.resolve() };
    const documents = new Documents(fake.connection, host, new Configuration(fake.connection));
    documents.documents.listen(fake.connection);
    fake.send('open', { textDocument: { uri, languageId: 'crashlog', version: 1, text } });
    return { ...fake, documents };
  }

  const failing = () => {
    throw new Error('boom');
  };

  it('answers from the model of the current version', async () => {
    const { documents } = setup();
    assert.equal(await documents.withModel({ handler: 'test', uri }, -1, (model) => model.lineCount), 3);
  });

  it('answers empty for a document that is not open', async () => {
    const { documents } = setup();
    assert.equal(await documents.withModel({ handler: 'test', uri: 'file:///other' }, -1, () => 1), -1);
  });

  it('logs a throwing handler once per document version, with handler and line, and answers empty', async () => {
    const { documents, errors, send } = setup();
    assert.equal(await documents.withModel({ handler: 'hover', uri, line: 1 }, null, failing), null);
    assert.equal(await documents.withModel({ handler: 'hover', uri, line: 1 }, null, failing), null);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^crashlog: hover failed on file:\/\/\/a\.crashlog \(version 1\) at line 2: boom/);
    await documents.withModel({ handler: 'codeLens', uri }, [], failing);
    assert.equal(errors.length, 2, 'another handler is another failure');
    assert.doesNotMatch(errors[1], /at line/);
    send('change', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + '\n' }] });
    await documents.withModel({ handler: 'hover', uri, line: 1 }, null, failing);
    assert.equal(errors.length, 3, 'a new version logs again');
    assert.match(errors[2], /\(version 2\)/);
  });

  it('answers empty when the request was cancelled', async () => {
    const { documents } = setup();
    const token = { isCancellationRequested: true, onCancellationRequested: () => ({ dispose: () => undefined }) };
    assert.equal(await documents.withModel({ handler: 'test', uri, token }, -1, () => 1), -1);
  });

  it("logs the analysis' own failures (parser line, rule) once per document version", () => {
    const { documents, errors, send } = setup();
    const failures = [
      {
        source: 'parser' as const,
        line: 4,
        message: 'TypeError: x is undefined',
        stack: 'TypeError: x is undefined\n    at parse',
      },
      { source: 'rule:frame-order' as const, message: 'RangeError: too far' },
    ];
    const document = () => documents.get(uri)!;
    documents.reportAnalysisFailures(document(), failures);
    documents.reportAnalysisFailures(document(), failures);
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(
      errors[0],
      /^crashlog: parser failed on file:\/\/\/a\.crashlog \(version 1\) at line 5: TypeError: x is undefined\n/,
    );
    assert.ok(errors[0].endsWith('    at parse'), 'with its stack');
    assert.match(errors[1], /^crashlog: rule:frame-order failed on .* \(version 1\): RangeError: too far$/);
    send('change', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'x' }] });
    documents.reportAnalysisFailures(document(), failures);
    assert.equal(errors.length, 4);
  });
});
