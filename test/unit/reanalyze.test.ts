// Re-analysis after an edit must give exactly the model a full analysis gives.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { hex16 } from '../../server/src/analysis/hex';
import { analyze, LINE_STORES, Model } from '../../server/src/analysis/model';
import { reanalyze } from '../../server/src/analysis/reanalyze';
import { summarize } from '../../server/src/analysis/summary';
import { crashDumps, example, hasShared } from '../support/corpus';

/** Everything features read from a model, in a comparable form. */
function dump(model: Model): unknown {
  const words: string[] = [];
  model.memory.forEachOnLines(0, model.lines.length, (ah, al, vh, vl, lw) => words.push(`${ah}:${al}=${vh}:${vl}@${lw}`));
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
    summary: summarize(model),
    kinds: Array.from(model.lineKinds).join(''),
    arch: model.arch,
    words,
    symbols,
    sources: [...model.sources.entries()].map(([a, s]) => `${hex16(a)} ${s.file}:${s.line}@${s.at}`).sort(),
    structs: [...model.structs.values()].map((l) => `${l.name}:${l.line}:${l.members.length}`),
    stacks: model.stacks.map((s) => `${hex16(s.base)} ${s.kind} ${s.task?.pid} ${s.evidence.length}`),
    tasks: model.tasks.map((t) => `${t.pid} ${hex16(t.task)} ${t.line}`),
    instructions: model.instructions.count,
    damage: model.damage.map((d) => `${d.line} ${d.reason}`),
    reportDamage: model.reports.map((r) => r.damage.join(';')),
    diagnostics: diagnose(model).diagnostics.map(
      (d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`,
    ),
  };
}

function transcripts(): string[] {
  const list = [example('x86_64-seed000.crashlog'), example('arm64-seed001.crashlog'), example('arm64-seed002.crashlog')];
  if (hasShared) {
    for (const dump of [...crashDumps('x86_64'), ...crashDumps('arm64')])
      list.push(dump.transcript, `${dump.transcript}\n${dump.console}`);
  }
  return list;
}

describe('re-analysis after an edit', function () {
  this.timeout(300000);
  const texts = transcripts();

  it('matches a full analysis after single-line edits anywhere', () => {
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('replace', 'append', 'clear', 'swap'),
        (t, at, other, how) => {
          const text = texts[t];
          const lines = text.split('\n');
          const i = at % lines.length;
          const j = other % lines.length;
          const edited = [...lines];
          if (how === 'replace') edited[i] = lines[j];
          else if (how === 'append') edited[i] = `${lines[i]} ${lines[j].slice(0, 20)}`;
          else if (how === 'clear') edited[i] = '';
          else [edited[i], edited[j]] = [lines[j], lines[i]];
          const previous = analyze(text);
          const next = edited.join('\n');
          assert.deepEqual(dump(reanalyze(previous, next)), dump(analyze(next)));
        },
      ),
      { seed: Number(process.env.REANALYZE_SEED ?? 4242), numRuns: Number(process.env.REANALYZE_RUNS ?? 60) },
    );
  });

  it('parses only the edited command, sharing the rest and leaving the previous model as it was', () => {
    const text = texts[texts.length - 1];
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

  it('carries every per-line store: each field of a model is a line store or derived from them', () => {
    const derived = new Set([
      'text',
      'arch',
      'archDetected',
      'archUnmodelled',
      'wordBytes',
      'structs',
      'symbols',
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
