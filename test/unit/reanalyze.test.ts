// Re-analysis after an edit must give exactly the model a full analysis gives.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { hex16 } from '../../server/src/analysis/hex';
import { ArchEvidence } from '../../server/src/analysis/arch/detect';
import { InstructionIndex } from '../../server/src/analysis/instructions';
import { LineIndex } from '../../server/src/analysis/lines';
import { analyze, LINE_STORES, Model } from '../../server/src/analysis/model';
import { RegisterBlock } from '../../server/src/analysis/registerBlock';
import { reanalyze } from '../../server/src/analysis/reanalyze';
import { summarize } from '../../server/src/analysis/summary';
import { SymbolOps } from '../../server/src/analysis/symbols';
import { crashDumps, example, hasShared, syzkallerReports } from '../support/corpus';
import { sharedEnds } from '../support/textEnds';

/** Everything features read from a model, in a comparable form. */
function dump(model: Model): unknown {
  const words: string[] = [];
  model.memory.forEachOnLines(0, model.lines.length, (ah, al, vh, vl, lw) => words.push(`${ah}:${al}=${vh}:${vl}@${lw}`));
  // The address and value orders, as lookups read them (a re-analysis may take them over).
  const byAddress: string[] = [];
  model.memory.forEachInRange(0n, (1n << 64n) - 1n, (ah, al, _vh, _vl, line) => byAddress.push(`${ah}:${al}@${line}`));
  const byValue = [...new Set(words.map((w) => w.slice(w.indexOf('=') + 1, w.indexOf('@'))))].slice(0, 200).map((v) => {
    const [hi, lo] = v.split(':').map(Number);
    const value = (BigInt(hi) << 32n) | BigInt(lo);
    return model.memory
      .occurrencesOfValue(value)
      .map((w) => w.line)
      .join(',');
  });
  const symbols = model.symbols.all
    .map((s) =>
      [
        s.name,
        s.base !== undefined ? hex16(s.base) : '',
        s.size,
        s.maxOffset,
        s.module,
        s.baseEvidence.join(','),
        s.conflicts.length,
        Boolean(s.weakBase),
      ].join('|'),
    )
    .sort();
  return {
    stores: lineStores(model),
    // Features that sample the table (the layout's guess) read it in this order.
    symbolOrder: model.symbols.all.map((s) => s.name),
    summary: summarize(model),
    kinds: Array.from(model.lineKinds).join(''),
    arch: model.arch,
    words,
    byAddress,
    byValue,
    // The instructions in address order, every listing line of each.
    instructionOrder: model.instructions
      .range(0n, (1n << 64n) - 1n)
      .map((i) => `${hex16(i.address)}@${model.instructions.linesAt(i.address).join(',')}`),
    symbols,
    sources: [...model.sources.entries()].map(([a, s]) => `${hex16(a)} ${s.file}:${s.line}@${s.at}`).sort(),
    structs: [...model.structs.values()].map((l) => `${l.name}:${l.line}:${l.members.length}`),
    stacks: model.stacks.map((s) => `${hex16(s.base)} ${s.kind} ${s.task?.pid} ${s.evidence.join(',')}`),
    tasks: model.tasks.map((t) => `${t.pid} ${hex16(t.task)} ${t.line}`),
    instructions: model.instructions.count,
    damage: model.damage.map((d) => `${d.line} ${d.reason}`),
    reportDamage: model.reports.map((r) => r.damage.join(';')),
    diagnostics: diagnose(model).diagnostics.map(
      (d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`,
    ),
  };
}

/** Every per-line store, line numbers included, as plain data (register blocks by what they read). */
function lineStores(model: Model): unknown {
  const stores: Record<string, unknown> = {};
  for (const name of Object.keys(LINE_STORES)) {
    // `words` above; where checkpoints fall depends on where parses started.
    if (name === 'memory' || name === 'checkpoints') continue;
    const store = field(model, name);
    if (store instanceof InstructionIndex) {
      stores[name] = store.linesOf().map((line) => [line, plain(store.sources.get(line))]);
    } else if (store instanceof SymbolOps) stores[name] = plain(store.toArray());
    else if (store instanceof ArchEvidence) stores[name] = Array.from(store.lineVectors).join(',');
    else if (store instanceof Uint8Array) stores[name] = Array.from(store).join('');
    else stores[name] = plain(store);
  }
  return stores;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return hex16(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof RegisterBlock) {
    const { line, endLine, afterLevel, exceptionRip, registerLines, bogus, registers } = value;
    return plain({ line, endLine, afterLevel, exceptionRip, registerLines, bogus, registers });
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

function transcripts(): string[] {
  const list = [example('x86_64-seed000.crashlog'), example('arm64-seed001.crashlog'), example('arm64-seed002.crashlog')];
  if (hasShared) {
    for (const dump of [...crashDumps('x86_64'), ...crashDumps('arm64')])
      list.push(dump.transcript, `${dump.transcript}\n${dump.console}`);
    // Consoles one after another, as a person collects them: reports that stay open until the next
    // header, printk caller ids, boot banners. Runs of neighbouring logs, a few hundred KB each.
    const logs = syzkallerReports()
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((r) => r.log.replace(/\r\n/g, '\n'));
    for (let k = 0; k + 6 <= logs.length && list.length < 40; k += 37) list.push(logs.slice(k, k + 6).join('\n'));
  }
  return list;
}

/** An edit as a person makes it: the edited text, from the text's lines and a few numbers. */
type Edit = (lines: string[], i: number, j: number, count: number) => string[];

/** The lines with line `i` replaced. */
function set(lines: readonly string[], i: number, text: string): string[] {
  const copy = [...lines];
  copy[i] = text;
  return copy;
}

const EDITS: Record<string, Edit> = {
  replace: (lines, i, j) => set(lines, i, lines[j]),
  append: (lines, i, j) => set(lines, i, `${lines[i]} ${lines[j].slice(0, 20)}`),
  clear: (lines, i) => set(lines, i, ''),
  swap: (lines, i, j) => set(set(lines, i, lines[j]), j, lines[i]),
  enter: (lines, i, _j, count) => {
    const at = count % (lines[i].length + 1);
    return [...lines.slice(0, i), lines[i].slice(0, at), lines[i].slice(at), ...lines.slice(i + 1)];
  },
  joinLines: (lines, i) => [...lines.slice(0, i), lines[i] + (lines[i + 1] ?? ''), ...lines.slice(i + 2)],
  paste: (lines, i, j, count) => [...lines.slice(0, i), ...lines.slice(j, j + count), ...lines.slice(i)],
  deleteBlock: (lines, i, _j, count) => [...lines.slice(0, i), ...lines.slice(i + count)],
  deleteAll: () => [''],
};

describe('re-analysis after an edit', function () {
  this.timeout(300000);
  const texts = transcripts();

  it('matches a full analysis after edits anywhere, in-line or adding and removing lines', () => {
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(...Object.keys(EDITS)),
        (t, at, other, count, how) => {
          const text = texts[t];
          const lines = text.split('\n');
          const edited = EDITS[how](lines, at % lines.length, other % lines.length, count).join('\n');
          const previous = analyze(text);
          const full = dump(analyze(edited));
          assert.deepEqual(dump(reanalyze(previous, edited)), full);
          // An editor's span of the change, which may say less than is the same.
          const span = sharedEnds(text, edited);
          const wider = { head: Math.max(0, span.head - (other % 300)), tail: Math.max(0, span.tail - (at % 300)) };
          assert.deepEqual(dump(reanalyze(previous, edited, {}, wider)), full);
        },
      ),
      { seed: Number(process.env.REANALYZE_SEED ?? 4242), numRuns: Number(process.env.REANALYZE_RUNS ?? 80) },
    );
  });

  it('matches a full analysis after a series of edits, each on the model of the one before', () => {
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 40 }), fc.constantFrom(...Object.keys(EDITS))), {
          minLength: 2,
          maxLength: 5,
        }),
        (t, edits) => {
          let text = texts[t];
          let model = analyze(text);
          for (const [at, other, count, how] of edits) {
            const lines = text.split('\n');
            text = EDITS[how](lines, at % lines.length, other % lines.length, count).join('\n');
            // As a server does between edits: the indexes a re-analysis may take over are built.
            for (const _step of model.buildIndexes());
            model = reanalyze(model, text);
          }
          assert.deepEqual(dump(model), dump(analyze(text)));
        },
      ),
      { seed: Number(process.env.REANALYZE_SEED ?? 4243), numRuns: Number(process.env.REANALYZE_RUNS ?? 25) },
    );
  });

  it('matches a full analysis when each version is the one before with an editor change, its text in shared chunks', () => {
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.integer({ min: 64, max: 8192 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 40 }), fc.constantFrom(...Object.keys(EDITS))), {
          minLength: 1,
          maxLength: 4,
        }),
        (t, chunkChars, edits) => {
          let text = texts[t];
          // Read from chunks from the start (an empty change splits the text): a full parse over chunks.
          let model = analyze(new LineIndex(text, undefined, chunkChars).replaced(0, 0, ''));
          assert.deepEqual(dump(model), dump(analyze(text)));
          for (const [at, other, count, how] of edits) {
            const lines = text.split('\n');
            const edited = EDITS[how](lines, at % lines.length, other % lines.length, count).join('\n');
            // The change an editor would send: the part between the common start and end.
            const { head, tail } = sharedEnds(text, edited);
            const next = model.text.replaced(head, text.length - tail, edited.slice(head, edited.length - tail));
            text = edited;
            for (const _step of model.buildIndexes());
            model = reanalyze(model, next);
          }
          assert.deepEqual(dump(model), dump(analyze(text)));
        },
      ),
      { seed: Number(process.env.REANALYZE_SEED ?? 4244), numRuns: Number(process.env.REANALYZE_RUNS ?? 25) },
    );
  });

  it('matches a full analysis after edits that pair or part a serial console line end (bare \\r, \\r\\n)', () => {
    const serial = [example('x86_64-seed000.crashlog'), example('arm64-seed002.crashlog')].map((t) => t.replace(/\n/g, '\r'));
    fc.assert(
      fc.property(
        fc.nat(serial.length - 1),
        fc.nat(),
        fc.nat(2),
        fc.constantFrom('\n', '\r', '\r\n', '', 'x'),
        fc.boolean(),
        (t, at, removed, inserted, nextToBreak) => {
          const text = serial[t];
          // Most edits next to a line end: those change which characters end a line.
          let start = at % text.length;
          if (nextToBreak) start = text.indexOf('\r', start) + 1 || text.length;
          const end = Math.min(text.length, start + removed);
          const edited = text.slice(0, start) + inserted + text.slice(end);
          const previous = analyze(text);
          const full = dump(analyze(edited));
          assert.deepEqual(dump(reanalyze(previous, edited)), full);
          assert.deepEqual(dump(reanalyze(previous, previous.text.replaced(start, end, inserted))), full);
        },
      ),
      { seed: Number(process.env.REANALYZE_SEED ?? 4245), numRuns: Number(process.env.REANALYZE_RUNS ?? 40) },
    );
  });

  it('parses only the edited command, sharing the rest and leaving the previous model as it was', () => {
    const text = texts.filter((t) => /^crash> dis -l /m.test(t)).at(-1)!;
    const lines = text.split('\n');
    const target = lines.findIndex((l) => /^crash> dis -l /.test(l)) + 2;
    lines[target] = lines[target] + ' ';
    const previous = analyze(text);
    const before = dump(previous);
    const next = reanalyze(previous, lines.join('\n'));
    // Objects of untouched commands are the previous model's own.
    assert.equal(next.sections[0], previous.sections[0]);
    const last = (model: Model) => model.backtraces[model.backtraces.length - 1];
    assert.equal(last(next).frames, last(previous).frames);
    assert.ok(last(previous).exceptionFrames.length > 0);
    // A register block reads its lines from a text: the previous model's still reads its own.
    assert.notEqual(last(next).exceptionFrames[0], last(previous).exceptionFrames[0]);
    assert.deepEqual(dump(previous), before);
  });

  it('parses again only from the last line the parser started at rest, also without prompts in between', () => {
    const report = (n: number) => [
      `[  ${n}.100000] WARNING: CPU: 1 PID: ${n} at net/ipv4/tcp.c:2035 tcp_recvmsg+0x5e8/0x8a0`,
      `[  ${n}.100001] Call trace:`,
      `[  ${n}.100002]  tcp_recvmsg+0x5e8/0x8a0`,
      `[  ${n}.100003]  inet_recvmsg+0x5c/0x170`,
      `[  ${n}.100004] ---[ end trace 0000000000000000 ]---`,
      `[  ${n}.100005] random: crng init done`,
    ];
    const lines = ['crash> log', ...report(10), ...report(20), ...report(30)];
    const previous = analyze(lines.join('\n'));
    assert.equal(previous.reports.length, 3);
    const edited = [...lines];
    edited[10] = edited[10].replace('inet_recvmsg', 'sock_recvmsg');
    const next = reanalyze(previous, edited.join('\n'));
    assert.equal(next.reports[1].frames[1].function, 'sock_recvmsg');
    // The first and last reports lie before and after the lines parsed again: they are shared.
    assert.equal(next.reports[0], previous.reports[0]);
    assert.equal(next.reports[2], previous.reports[2]);
    assert.notEqual(next.reports[1], previous.reports[1]);
    assert.deepEqual(dump(next), dump(analyze(edited.join('\n'))));
  });

  it('after an edit that adds lines, moves what follows it instead of parsing it again', () => {
    const report = (n: number) => [
      `[  ${n}.100000] WARNING: CPU: 1 PID: ${n} at net/ipv4/tcp.c:2035 tcp_recvmsg+0x5e8/0x8a0`,
      `[  ${n}.100001] Call trace:`,
      `[  ${n}.100002]  tcp_recvmsg+0x5e8/0x8a0`,
      `[  ${n}.100003]  inet_recvmsg+0x5c/0x170`,
      `[  ${n}.100004] random: crng init done`,
    ];
    // No end-trace lines: each report stays open until the next header.
    const lines = [...report(10), ...report(20), ...report(30)];
    const previous = analyze(lines.join('\n'));
    const before = dump(previous);
    const edited = [...lines.slice(0, 8), lines[7], lines[7], ...lines.slice(8)];
    const next = reanalyze(previous, edited.join('\n'));
    assert.deepEqual(dump(next), dump(analyze(edited.join('\n'))));
    assert.equal(next.reports[0], previous.reports[0]);
    // The last report follows the edit: the previous model's, two lines further down.
    assert.notEqual(next.reports[2], previous.reports[2]);
    assert.equal(next.reports[2].line, previous.reports[2].line + 2);
    assert.deepEqual(
      next.reports[2].frames.map((f) => f.line),
      previous.reports[2].frames.map((f) => f.line + 2),
    );
    assert.deepEqual(dump(previous), before);
  });

  it('starts no earlier than a report header the edit changed, and no later than a checkpoint of open reports', () => {
    const report = (n: number, caller: string) => [
      `[  ${n}.100000]${caller} WARNING: CPU: 1 PID: ${n} at net/ipv4/tcp.c:2035 tcp_recvmsg+0x5e8/0x8a0`,
      `[  ${n}.100001]${caller} Call trace:`,
      `[  ${n}.100002]${caller}  tcp_recvmsg+0x5e8/0x8a0`,
      `[  ${n}.100003]${caller}  inet_recvmsg+0x5c/0x170`,
    ];
    // Without caller ids each header closes the report before it (a place to start); with two
    // callers one after another each parks the other, so the machine is never at rest.
    for (const callers of [
      ['', ''],
      ['[ T7]', '[ T9]'],
    ]) {
      const lines: string[] = [];
      for (let k = 0; k < 200; k++) lines.push(...report(10 + k, callers[k % 2]));
      const previous = analyze(lines.join('\n'));
      for (const edit of [
        (l: string[]) => set(l, 400, ''), // a report's header gone: the one before goes on
        (l: string[]) => set(l, 402, l[402] + ' '),
        (l: string[]) => [...l.slice(0, 401), ...l.slice(405)],
      ]) {
        const edited = edit(lines).join('\n');
        const next = reanalyze(previous, edited);
        assert.deepEqual(dump(next), dump(analyze(edited)));
        // Reports well before and after the edit are the previous model's (moved when lines went).
        assert.equal(next.reports[10], previous.reports[10]);
        const last = (model: Model) => model.reports[model.reports.length - 1];
        assert.equal(last(next).frames[0].line, last(previous).frames[0].line + next.lineCount - previous.lineCount);
      }
    }
  });

  it('takes over the orders of memory words and instructions only while their addresses (values) stay', () => {
    const text = example('arm64-seed002.crashlog');
    const lines = text.split('\n');
    const previous = analyze(text);
    for (const _step of previous.buildIndexes());
    // A note added away from the dumps: the orders are the previous map's, nothing is sorted again.
    const noted = reanalyze(previous, ['a note', ...lines].join('\n'));
    assert.equal(noted.memory.indexBuilds, 0);
    assert.deepEqual(dump(noted), dump(analyze(['a note', ...lines].join('\n'))));
    // A dump line whose address changed (as many words as before): both orders are built anew.
    const dumpLine = lines.findIndex((l) => /^ffffffc0427f33b0: /.test(l));
    const moved = set(lines, dumpLine, lines[dumpLine].replace('ffffffc0427f33b0', 'ffffffc0427f3fb0')).join('\n');
    const next = reanalyze(previous, moved);
    assert.deepEqual(dump(next), dump(analyze(moved)));
    assert.ok(next.memory.indexBuilds >= 2);
    // A listing line whose address changed: the instructions are sorted anew.
    const disLine = lines.findIndex((l) => /^0x[0-9a-f]{16} </.test(l));
    const listed = set(lines, disLine, lines[disLine].replace(/^0x[0-9a-f]{16}/, '0xffffffc000000000')).join('\n');
    assert.deepEqual(dump(reanalyze(previous, listed)), dump(analyze(listed)));
  });

  it('carries every per-line store: each field of a model is a line store or derived from them', () => {
    const derived = new Set([
      'text',
      'arch',
      'archDetected',
      'archUnmodelled',
      'wordBytes',
      'structs',
      'symbols',
      'symbolsOfOps',
      'tasks',
      'tasksByAddress',
      'stacks',
      'sources',
      'layout',
      'spec',
      'symbolFiles',
      'registerIndex',
      'stackFrameIndex',
      'stackBacktraceIndex',
      'frameIndex',
      'ownIndexBuilds',
    ]);
    const stores = new Set(Object.keys(LINE_STORES));
    const model = analyze(texts[0]);
    for (const field of Object.keys(model)) assert.ok(stores.has(field) || derived.has(field), `${field} is neither`);
    for (const store of stores) assert.ok(field(model, store) !== undefined, `${store} is no field of a model`);
  });
});

function field(model: Model, name: string): unknown {
  return (model as unknown as Record<string, unknown>)[name];
}
