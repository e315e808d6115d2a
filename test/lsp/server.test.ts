import { strict as assert } from 'assert';
import { StackViewRequest, UnwindRequest, unpackPicture } from '../../protocol/src';
import {
  CodeAction,
  CodeActionRequest,
  CodeLensRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  Location,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  SemanticTokensRequest,
  DocumentSymbol,
  MarkupContent,
  type Range,
} from 'vscode-languageserver-protocol';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { at } from '../support/caret';
import { example } from '../support/corpus';
import { LspClient } from './client';

const SEED000 = 'file:///examples/x86_64-seed000.crashlog';

/** The range of the first `word` in a document, widened by `lines` whole lines after it. */
function range(document: TextDocument, word: string, lines: number): Range {
  const start = document.positionAt(document.getText().indexOf(word));
  const end =
    lines > 0 ? { line: start.line + lines, character: 0 } : document.positionAt(document.offsetAt(start) + word.length);
  return { start, end };
}
const SEED002 = 'file:///examples/arm64-seed002.crashlog';

describe('language server', function () {
  let client: LspClient;
  const seed000 = example('x86_64-seed000.crashlog');
  const seed002 = example('arm64-seed002.crashlog');

  before(async () => {
    client = new LspClient();
    await client.initialize();
    await client.open(SEED000, seed000);
    await client.open(SEED002, seed002);
  });

  after(async () => {
    await client.stop();
  });

  it('answers a hover on a return address with the decoded card', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: SEED000 },
      position: at(seed000, 'ffffffffc07258b3'),
    });
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /kmem_alloc\+83/);
    assert.match(value, /module text \[xfs\]/);
    assert.ok(hover.range);
  });

  it('links other occurrences of a value to their lines', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: SEED000 },
      position: at(seed000, 'ffffffffc07258b3'),
    });
    assert.match((hover!.contents as MarkupContent).value, /\]\(file:\/\/\/examples\/x86_64-seed000\.crashlog#L\d+\)/);
  });

  it('publishes call-target-mismatch on bt frame #7 of seed 000, with the evidence lines', async () => {
    const published = await client.nextDiagnostics(SEED000, 1);
    assert.equal(published.version, 1);
    const line = at(seed000, ' #7 [ffffa269e37dbc88] xfs_dir2_sf_put_ftype').line;
    const mismatch = published.diagnostics.find((d) => d.code === 'call-target-mismatch' && d.range.start.line === line);
    assert.ok(mismatch, JSON.stringify(published.diagnostics.map((d) => [d.code, d.range.start.line])));
    assert.equal(mismatch.severity, 1);
    const callLine = at(seed000, 'callq  0xffffffffb8687ee0 <__kmalloc>').line;
    assert.ok(mismatch.relatedInformation?.some((r) => r.location.range.start.line === callLine));
  });

  it('offers the unwound stack as a quick fix for unwind-disagrees', async () => {
    const published = await client.nextDiagnostics(SEED000, 1);
    const disagrees = published.diagnostics.find((d) => d.code === 'unwind-disagrees');
    assert.ok(disagrees, 'unwind-disagrees on the bt -f listing');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: SEED000 },
      range: disagrees.range,
      context: { diagnostics: [disagrees] },
    })) as CodeAction[];
    assert.equal(actions[0]?.command?.command, 'crashlog.showUnwind');
    assert.equal(actions[0]?.command?.arguments?.[0], SEED000);
  });

  it('offers document symbols for commands, backtraces and reports', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: SEED000 },
    })) as DocumentSymbol[];
    const names: string[] = [];
    const walk = (list: DocumentSymbol[]) =>
      list.forEach((s) => {
        names.push(s.name);
        walk(s.children ?? []);
      });
    walk(symbols);
    assert.ok(names.includes('crash> bt'), names.join(' | '));
    assert.ok(names.includes('PID 1316 containerd-shim'), names.join(' | '));
    assert.ok(names.includes('#8 kmem_alloc'), names.join(' | '));
    assert.ok(
      names.some((n) => n.startsWith('Stack of PID 1316')),
      'markdown heading',
    );
  });

  it('offers folding ranges for command output and register blocks', async () => {
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: SEED000 } });
    const bt = at(seed000, 'crash> bt').line;
    assert.ok(ranges!.some((r) => r.startLine === bt && r.endLine > bt + 15));
  });

  it('colours addresses by class with semantic tokens', async () => {
    const tokens = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: SEED000 } }))!;
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);
    // Decode to find the token on the module-text return address of frame #8.
    const target = at(seed000, 'ffffffffc07258b3');
    let line = 0;
    let character = 0;
    let found: number | undefined;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      character = tokens.data[i] === 0 ? character + tokens.data[i + 1] : tokens.data[i + 1];
      if (line === target.line && character === target.character) found = tokens.data[i + 3];
    }
    assert.equal(found, 1, 'moduleText');
  });

  it('puts an "Unwind from" CodeLens on arm64 frame-record dump lines and unwinds through the custom request', async () => {
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: SEED002 } }))!;
    const line = at(seed002, 'ffffffc0427f33b0:  ffffffc0427f33e0').line;
    const lens = lenses.find((l) => l.range.start.line === line);
    assert.ok(lens, 'lens on the first frame record');
    assert.match(lens.command!.title, /Unwind from .*ffffffc0427f33b0/);
    assert.equal(lens.command!.command, 'crashlog.showUnwind');
    const [uri, lensLine] = lens.command!.arguments as [string, number];
    const response = await client.connection.sendRequest(UnwindRequest, { uri, line: lensLine });
    for (const fn of ['__const_udelay+40', 'qcom_wdt_trigger_bite+1060', 'el1h_64_sync+104', 'unmap_vmas+244']) {
      assert.ok(response.text.includes(fn), `${fn} in\n${response.text}`);
    }
    assert.match(response.text, /rd -x ffffffc0427f3a40 2/);
    assert.ok(response.links.length > 0);
  });

  it('unwinds from an address the user types', async () => {
    const response = await client.connection.sendRequest(UnwindRequest, { uri: SEED002, address: '0xffffffc0427f33b0' });
    assert.match(response.text, /__const_udelay\+40/);
    assert.match(response.text, /^start: the x29 chain from ffffffc0427f33b0: every function keeps the x29 chain/m);
  });

  it('puts the lens of a dumped return address on the word itself (x86_64, seed 000)', async () => {
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: SEED000 } }))!;
    const word = at(seed000, 'ffffffffc07258b3', { line: (l) => l.includes('ffffa269e37dbd30:') });
    const lens = lenses.find((l) => l.range.start.line === word.line);
    assert.ok(lens, 'lens on the bt -f word line');
    assert.equal(lens.range.start.character, word.character);
    assert.equal(lens.command!.title, 'Unwind from [ffffa269e37dbd30] kmem_alloc+83');
  });

  it('answers the Stack view request with the picture packed for the wire, and its ASCII drawing', async () => {
    const line = at(seed002, 'ffffffc0427f33b0:  ffffffc0427f33e0').line;
    const response = await client.connection.sendRequest(StackViewRequest, { uri: SEED002, line });
    assert.ok(response.picture, response.message);
    const picture = unpackPicture(response.picture);
    assert.deepEqual(
      picture.axes[0].frames.slice(0, 2).map((f) => f.name),
      ['__const_udelay+40', 'qcom_wdt_trigger_bite+1060'],
    );
    assert.equal(picture.axes[0].links.length, 17);
    assert.equal(picture.stop.command, 'rd -x ffffffc0427f3a40 2');
    const text = await client.connection.sendRequest(StackViewRequest, { uri: SEED002, line, want: 'text' });
    assert.match(text.text!, /to go on: crash> rd -x ffffffc0427f3a40 2/);
    const nothing = await client.connection.sendRequest(StackViewRequest, { uri: 'file:///not-open.crashlog', line: 0 });
    assert.deepEqual([nothing.picture, typeof nothing.message], [undefined, 'string']);
  });

  it('highlights every occurrence of a value and finds its definition in the dis listing', async () => {
    const position = at(seed000, 'ffffffffc07258b3');
    const highlights = (await client.connection.sendRequest(DocumentHighlightRequest.type, {
      textDocument: { uri: SEED000 },
      position,
    }))!;
    assert.ok(highlights.length >= 3, `found ${highlights.length}`);
    const symbolPosition = at(seed000, '<__kmalloc>');
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: SEED000 },
      position: { line: symbolPosition.line, character: symbolPosition.character + 3 },
    })) as Location[];
    const dis = at(seed000, '0xffffffffb8687ee0 <__kmalloc>:').line;
    assert.ok(
      definition.some((l) => l.range.start.line === dis),
      JSON.stringify(definition),
    );
  });

  it('after incremental edits that add and remove lines, answers and diagnoses as for the same text opened afresh', async () => {
    const uri = 'file:///examples/edited-seed000.crashlog';
    await client.open(uri, seed000);
    const document = TextDocument.create(uri, 'crashlog', 1, seed000);
    const edits: TextDocumentContentChangeEvent[][] = [
      [{ range: range(document, 'crash> bt', 0), text: 'crash> sys\n     KERNEL: vmlinux\n' }],
      [
        { range: range(document, 'ffffffffc07258b3', 0), text: '\n' },
        { range: range(document, 'crash>', 0), text: '  ' },
      ],
      [{ range: range(document, '#7', 2), text: '' }],
    ];
    let version = 1;
    for (const changes of edits) {
      // A hover on each version makes its model: the next one is re-analysed from it.
      await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: at(document.getText(), 'crash>'),
      });
      version++;
      TextDocument.update(document, changes, version);
      await client.change(uri, version, changes);
    }
    const text = document.getText();
    const fresh = 'file:///examples/fresh-seed000.crashlog';
    await client.open(fresh, text);
    const [edited, afresh] = await Promise.all([client.nextDiagnostics(uri, version), client.nextDiagnostics(fresh, 1)]);
    const shown = (p: typeof edited) => p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
    assert.ok(edited.diagnostics.length > 0);
    assert.deepEqual(shown(edited), shown(afresh));
    for (const word of ['ffffffffc07258b3', 'xfs_dir2_sf_put_ftype']) {
      const cards = await Promise.all(
        [uri, fresh].map((u) =>
          client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: at(text, word) }),
        ),
      );
      assert.ok(cards[0]);
      assert.equal(
        (cards[0].contents as MarkupContent).value.replaceAll(uri, fresh),
        (cards[1]!.contents as MarkupContent).value,
      );
    }
  });

  it('reads a document whose lines end in a bare CR (a serial capture) at the positions the editor sends, also after an edit', async () => {
    const uri = 'file:///examples/serial-seed000.crashlog';
    const serial = seed000.replace(/\n/g, '\r');
    await client.open(uri, serial);
    const document = TextDocument.create(uri, 'crashlog', 1, serial);
    const card = async (u: string, text: string, word: string) => {
      const position = TextDocument.create(u, 'crashlog', 1, text).positionAt(text.indexOf(word));
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position });
      return hover ? (hover.contents as MarkupContent).value.replaceAll(u, SEED000) : '';
    };
    const expected = await card(SEED000, seed000, 'ffffffffc07258b3');
    assert.match(expected, /kmem_alloc\+83/);
    assert.equal(await card(uri, serial, 'ffffffffc07258b3'), expected);
    // A command inserted before the backtrace moves it two lines down.
    const changes = [{ range: range(document, 'crash> bt', 0), text: 'crash> sys\r     KERNEL: vmlinux\rcrash> bt' }];
    TextDocument.update(document, changes, 2);
    await client.change(uri, 2, changes);
    const fresh = 'file:///examples/fresh-serial-seed000.crashlog';
    await client.open(fresh, document.getText().replace(/\r/g, '\n'));
    assert.equal(
      await card(uri, document.getText(), 'ffffffffc07258b3'),
      await card(fresh, document.getText().replace(/\r/g, '\n'), 'ffffffffc07258b3'),
    );
  });

  it('never crashes on hostile input and keeps answering', async () => {
    const uri = 'file:///hostile.crashlog';
    const junk = ['\u0000\u0001\u0002', 'f'.repeat(300000), '#1 [ffff] x at', 'crash> ' + '['.repeat(10000)].join('\n');
    await client.open(uri, junk);
    for (const position of [
      { line: 0, character: 1 },
      { line: 1, character: 150000 },
      { line: 3, character: 5000 },
    ]) {
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    }
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: SEED000 },
      position: at(seed000, 'ffffffffc07258b3'),
    });
    assert.ok(hover);
  });
});

describe('language server: dist/server.js over stdio', function () {
  it('starts, answers a hover and shuts down', async () => {
    const client = new LspClient({}, { transport: 'stdio' });
    try {
      await client.initialize();
      const seed000 = example('x86_64-seed000.crashlog');
      await client.open(SEED000, seed000);
      const hover = await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: SEED000 },
        position: at(seed000, 'ffffffffc07258b3'),
      });
      assert.match((hover?.contents as MarkupContent).value, /kmem_alloc\+83/);
      assert.equal(client.stderr, '');
    } finally {
      await client.stop();
    }
  });
});
