// The language server under load (issue 8): 2,000 rapid incremental edits to a 5 MB
// transcript interleaved with hover and CodeLens requests, none awaited before the
// next edit. Every request must be answered, stale ones may answer null/[]; the last
// diagnostics are for the final version and few intermediate versions get any; the
// server's memory at rest after the storm (its final version settled) is within 1.5× of its memory
// at rest after the first version. Figures are printed.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import {
  CancellationTokenSource,
  CodeLens,
  CodeLensRequest,
  Hover,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateTranscript } from '../../bench/generate';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { LspClient } from './client';

const URI = 'file:///load/generated-5mb.crashlog';
const EDITS = 2000;
const DOCUMENT_BYTES = 5 * 1024 * 1024;

/** Resident set size of a process in kB, from /proc (Linux). */
function residentKb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * RSS once the server has given memory back: freed pages return to the system a
 * little after a collection, so this polls until the RSS is within `limitKb` or the
 * deadline passes, and returns the last reading.
 */
async function settledResidentKb(pid: number, limitKb: number, deadlineMs: number): Promise<number | undefined> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const kb = residentKb(pid);
    if (kb === undefined || kb <= limitKb || Date.now() > deadline) return kb;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Change = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };

/**
 * The k-th edit, spread over the document: mostly one hex digit changed in place,
 * sometimes a line inserted or removed, so line numbers shift under later edits.
 */
function editAt(document: TextDocument, k: number): Change {
  const lineCount = document.lineCount;
  const line = Math.floor((((k * 7919) % 9973) / 9973) * (lineCount - 2));
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  if (k % 50 === 25 && text.length > 0)
    return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' };
  if (k % 50 === 0)
    return {
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      text: `note ${k}: edited while the server was busy\n`,
    };
  const digit = /[0-9a-f]/.exec(text.slice(text.length >> 1));
  const character = digit ? (text.length >> 1) + digit.index : text.length;
  return {
    range: { start: { line, character }, end: { line, character: digit ? character + 1 : character } },
    text: (k % 16).toString(16),
  };
}

describe('language server under load', function () {
  // The hang guard: a server that parsed for every stale request would take far longer.
  this.timeout(240_000);
  let client: LspClient;

  before(async () => {
    // Over stdio: the memory figures are the server process's own.
    client = new LspClient({}, { transport: 'stdio' });
    await client.initialize();
  });

  after(async () => {
    await client.stop();
  });

  it('answers every request during 2,000 rapid edits to a 5 MB transcript and publishes for the final version only', async () => {
    const pid = client.pid!;
    const initial = generateTranscript(DOCUMENT_BYTES);
    const local = TextDocument.create(URI, 'crashlog', 1, initial);
    await client.open(URI, initial, 1);
    await client.nextDiagnostics(URI, 1);
    // At rest: the first version's indexes and prepared Stack view pictures made, its garbage collected,
    // as the final version's are when the memory is read again below.
    await client.settled(URI, 1);
    const baselineKb = residentKb(pid);

    let peakKb = baselineKb ?? 0;
    const sample = () => {
      const kb = residentKb(pid);
      if (kb !== undefined && kb > peakKb) peakKb = kb;
    };
    const hovers: Promise<Hover | null | 'cancelled'>[] = [];
    const lenses: Promise<CodeLens[] | null>[] = [];
    /** An editor cancels the hover a newer hover replaces; a cancelled request still gets an answer. */
    let previousHover: CancellationTokenSource | undefined;
    const cancelledIsAnAnswer = (error: unknown): 'cancelled' => {
      if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return 'cancelled';
      throw error;
    };
    for (let k = 1; k <= EDITS; k++) {
      const version = k + 1;
      const change = editAt(local, k);
      TextDocument.update(local, [change], version);
      void client.change(URI, version, [change]);
      const position = { line: change.range.start.line, character: change.range.start.character };
      if (k % 2 === 1) {
        if (k % 4 === 1) previousHover?.cancel();
        previousHover = new CancellationTokenSource();
        hovers.push(
          client.connection
            .sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position }, previousHover.token)
            .catch(cancelledIsAnAnswer)
            .finally(sample),
        );
      }
      if (k % 10 === 0)
        lenses.push(client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: URI } }).finally(sample));
    }
    const finalVersion = EDITS + 1;
    const hoverAnswers = await Promise.all(hovers);
    const lensAnswers = await Promise.all(lenses);
    const published = await client.nextDiagnostics(URI, finalVersion);
    sample();

    // Requests after the storm see the final version and get real answers again.
    const finalLenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: URI } });
    const finalText = local.getText();
    const hoverLine = finalText.split('\n').findIndex((l) => /^ ?#\d+ \[[0-9a-f]{16}\] \w+ at [0-9a-f]{16}/.test(l));
    const finalHover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: { line: hoverLine, character: finalText.split('\n')[hoverLine].indexOf('[') + 2 },
    });
    await client.settled(URI, finalVersion);
    const afterKb = baselineKb === undefined ? undefined : await settledResidentKb(pid, baselineKb * 1.5, 15_000);

    const publishes = client.publishedFor(URI).filter((p) => p.version !== 1);
    const intermediate = publishes.filter((p) => p.version !== finalVersion);
    const answeredHovers = hoverAnswers.filter((h) => h !== null && h !== 'cancelled').length;
    const cancelledHovers = hoverAnswers.filter((h) => h === 'cancelled').length;
    const answeredLenses = lensAnswers.filter((l) => l && l.length > 0).length;
    const mb = (kb: number | undefined) => (kb === undefined ? '?' : `${(kb / 1024).toFixed(0)} MB`);
    console.log(
      `      load: ${EDITS} edits, ${hovers.length} hovers (${answeredHovers} with a card, ${cancelledHovers} cancelled, the rest null as stale), ` +
        `${lenses.length} CodeLens requests (${answeredLenses} non-empty); publishes after open: ${publishes.length} ` +
        `(${intermediate.length} for intermediate versions); RSS baseline ${mb(baselineKb)}, peak ${mb(peakKb)}, after ${mb(afterKb)}`,
    );

    assert.equal(hoverAnswers.length + lensAnswers.length, hovers.length + lenses.length, 'every request answered');
    // Stale requests are skipped, not computed: a 5 MB parse per request would also blow the timeout.
    assert.ok(
      answeredHovers + answeredLenses <= (hovers.length + lenses.length) / 10,
      `${answeredHovers + answeredLenses} stale requests computed`,
    );
    assert.ok(finalLenses && finalLenses.length > 0, 'CodeLens on the final version');
    assert.ok(finalHover, 'a hover on the final version answers with a card');
    assert.equal(published.version, finalVersion);
    assert.equal(publishes[publishes.length - 1].version, finalVersion, 'the last publish is for the final version');
    assert.ok(intermediate.length <= EDITS / 20, `${intermediate.length} publishes for superseded versions`);
    // The final diagnostics are those of the final text, as the analysis computes them.
    assert.equal(published.diagnostics.length, diagnose(analyze(finalText)).diagnostics.length, 'diagnostics of the final text');
    if (baselineKb !== undefined && afterKb !== undefined) {
      assert.ok(afterKb <= baselineKb * 1.5, `RSS after ${afterKb} kB > 1.5 × baseline ${baselineKb} kB`);
    }
  });
});
