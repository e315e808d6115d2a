// Malformed settings never stop the server: each is named once in a warning and the
// default is used, and the server keeps publishing diagnostics and answering hovers.
import { strict as assert } from 'assert';
import { HoverRequest, MarkupContent, ShowMessageNotification, ShowMessageParams } from 'vscode-languageserver-protocol';
import { at } from '../support/caret';
import { example } from '../support/corpus';
import { LspClient } from './client';

const SEED000 = 'file:///examples/x86_64-seed000.crashlog';
const seed000 = example('x86_64-seed000.crashlog');

/** Malformed `crashlog` sections: wrong types, null, huge values, wrong shapes. */
const MALFORMED: { section: unknown; named?: string }[] = [
  { section: { diagnostics: { disabled: 5 } }, named: 'crashlog.diagnostics.disabled is 5' },
  { section: { diagnostics: { disabled: [null, 7, {}] } }, named: 'crashlog.diagnostics.disabled is [null,7,{}]' },
  { section: { diagnostics: { debounceMs: 'soon' } }, named: 'crashlog.diagnostics.debounceMs is "soon"' },
  { section: { diagnostics: { debounceMs: 1e300 } }, named: 'crashlog.diagnostics.debounceMs is 1e+300' },
  { section: { maxFileSizeMB: 'big' }, named: 'crashlog.maxFileSizeMB is "big"' },
  { section: { maxFileSizeMB: Number.MAX_SAFE_INTEGER }, named: 'crashlog.maxFileSizeMB is 9007199254740991' },
  { section: { arch: ['x86_64'] }, named: 'crashlog.arch is ["x86_64"]' },
  { section: { symbolFiles: 'System.map' }, named: 'crashlog.symbolFiles is "System.map"' },
  { section: { symbolFiles: ['x'.repeat(100_000)] } },
  { section: { trace: { server: 42 } }, named: 'crashlog.trace.server is 42' },
  { section: { diagnostics: null, arch: null, maxFileSizeMB: null, symbolFiles: null } },
  { section: { diagnostics: 5 } },
  { section: 5 },
  { section: null },
  { section: [] },
];

describe('language server: malformed settings', function () {
  let client: LspClient;
  const messages: ShowMessageParams[] = [];
  let version = 1;

  before(async () => {
    client = new LspClient({ diagnostics: { disabled: 5 } });
    client.connection.onNotification(ShowMessageNotification.type, (params) => messages.push(params));
    await client.initialize();
    await client.open(SEED000, seed000, version);
    await client.open('file:///second.crashlog', seed000);
  });

  after(async () => {
    await client.stop();
  });

  /** The server still analyses: a new version gets diagnostics and a hover gets its card. */
  const target = at(seed000, 'ffffffffc07258b3');
  async function stillAnswers(): Promise<void> {
    version++;
    await client.change(SEED000, version, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edit\n' },
    ]);
    const published = await client.nextDiagnostics(SEED000, version);
    assert.ok(published.diagnostics.some((d) => d.code === 'call-target-mismatch'));
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: SEED000 },
      // Each edit put one line above.
      position: { ...target, line: target.line + version - 1 },
    });
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /kmem_alloc\+83/);
  }

  it('survives `"crashlog.diagnostics.disabled": 5` from the start, warning once for two documents', async () => {
    await stillAnswers();
    const warnings = messages.filter((m) => m.message.includes('crashlog.diagnostics.disabled is 5'));
    assert.equal(warnings.length, 1, messages.map((m) => m.message).join('\n'));
  });

  for (const { section, named } of MALFORMED) {
    it(`survives ${JSON.stringify(section).slice(0, 80)}`, async () => {
      await client.changeSettings(section);
      await stillAnswers();
      if (named)
        assert.ok(
          messages.some((m) => m.message.includes(named) && /using the/.test(m.message)),
          named,
        );
    });
  }

  it('names each bad value once, however often the settings are read', async () => {
    await client.changeSettings({ maxFileSizeMB: 'big' });
    await stillAnswers();
    // A huge value (a 100,000-character path) is shown cut short.
    assert.ok(messages.every((m) => m.message.length < 1000));
    const counts = new Map<string, number>();
    for (const m of messages) counts.set(m.message, (counts.get(m.message) ?? 0) + 1);
    assert.deepEqual(
      [...counts].filter(([, n]) => n > 1),
      [],
    );
  });

  it('keeps the size guard when maxFileSizeMB is not a number', async () => {
    await client.changeSettings({ maxFileSizeMB: 'big' });
    const uri = 'file:///huge.crashlog';
    const huge = seed000.repeat(Math.ceil((65 * 1024 * 1024) / seed000.length));
    const notice = new Promise<{ uri: string }>((resolve) => client.connection.onNotification('crashlog/tooLarge', resolve));
    await client.open(uri, huge);
    assert.equal((await notice).uri, uri);
  });
});
