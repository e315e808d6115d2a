// What must hold for any transcript whatever it contains (issue 8): every query
// answers without throwing, positions stay inside the document, walks never
// revisit a frame, and the model keeps the user's text as it was.
// Shared by test/unit/fuzz.test.ts and scripts/fuzz-long.ts; throws on a violation.
import { strict as assert } from 'assert';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { diagnose } from '../../server/src/analysis/diagnostics';
import type { Range } from '../../server/src/analysis/lines';
import { analyze, Model } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';
import { definitions, occurrences } from '../../server/src/analysis/navigation';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/analysis/semanticTokens';
import { folds, outline, OutlineItem } from '../../server/src/analysis/structure';
import type { Arch } from '../../server/src/analysis/types';
import { unwind, unwindLensTargets, unwindText, UnwindResult, UnwindStart } from '../../server/src/analysis/unwind';
import { MAX_FRAMES } from '../../server/src/analysis/unwind/types';
import { wordAt } from '../../server/src/analysis/words';

export interface CheckOptions {
  arch?: Arch;
  /** Positions probed with hover/occurrences/definitions (each also unwinds from its word). */
  probes?: number;
  /** CodeLens starts walked (the first ones and a spread over the rest). */
  lensWalks?: number;
  /** Deterministic choice of probe positions. */
  salt?: number;
}

/** How much work a check did, so callers can report it. */
export interface CheckCounts {
  lines: number;
  hovers: number;
  unwinds: number;
  diagnostics: number;
}

export function checkTranscript(text: string, options: CheckOptions = {}): CheckCounts {
  const model = analyze(text, { arch: options.arch });
  checkTextKept(model, text);
  const counts: CheckCounts = { lines: model.lines.length, hovers: 0, unwinds: 0, diagnostics: 0 };

  const random = lcg(options.salt ?? 1);
  for (const { line, character } of probePositions(model, options.probes ?? 40, random)) {
    const card = describeAt(model, line, character);
    counts.hovers++;
    if (card) {
      assertRangeInside(model, card.range, `hover at ${line}:${character}`);
      assert.equal(card.range.start.line, line, 'a hover card covers the hovered line');
      assert.ok(
        card.range.start.character <= character && character <= card.range.end.character,
        `hover range ${JSON.stringify(card.range)} holds ${character}`,
      );
      for (const place of card.places)
        assert.ok(place.line >= 0 && place.line < model.lines.length, `hover place ${place.line} inside`);
      renderHover(card.markdown, (n) => `L${n + 1}`);
    }
    for (const range of occurrences(model, line, character)) assertRangeInside(model, range, 'occurrence');
    for (const range of definitions(model, line, character)) assertRangeInside(model, range, 'definition');
    // "Unwind from any word": the word under the cursor as a frame pointer, a stack pointer and a slot.
    const word = /^(?:0x)?([0-9a-fA-F]{1,16})$/.exec(wordAt(model.lines[line] ?? '', character)?.text ?? '');
    if (word) {
      const value = BigInt(`0x${word[1]}`);
      for (const start of [
        { fp: value },
        { sp: value, pc: value },
        { slot: value },
        { fp: value, arch: 'arm64' as const },
        { fp: value, arch: 'x86_64' as const },
      ]) {
        checkWalk(model, start);
        counts.unwinds++;
      }
    }
  }

  const targets = unwindLensTargets(model);
  const walks = options.lensWalks ?? 12;
  const step = Math.max(1, Math.floor(targets.length / walks));
  for (let i = 0; i < targets.length && i / step < walks; i += step) {
    const target = targets[i];
    assert.ok(target.line >= 0 && target.line < model.lines.length, `lens line ${target.line} inside`);
    checkWalk(model, target.start);
    counts.unwinds++;
  }

  // Every registered rule runs; one that throws (or a parser section that threw) is a bug.
  const { diagnostics, failures } = diagnose(model);
  if (failures.length > 0) {
    const f = failures[0];
    throw new Error(
      `internal failure in ${f.source}${f.line !== undefined ? ` on line ${f.line + 1}` : ''}: ${f.stack ?? f.message}`,
    );
  }
  counts.diagnostics = diagnostics.length;
  for (const d of diagnostics) {
    assertRangeInside(model, d.range, `diagnostic ${d.code}`);
    for (const r of d.related) assertRangeInside(model, r.range, `related info of ${d.code}`);
  }

  // The CLI's summary, triage of every report included, and its titles as syzbot would print them.
  for (const r of summarize(model).reports) {
    assert.match(r.signature, /^[0-9a-f]{16}$/, 'report signature');
    assert.ok(r.title.length <= 200 && !/[\n\r]/.test(r.title), `report title ${JSON.stringify(r.title)}`);
  }

  let previous = { line: -1, end: 0 };
  for (const t of semanticTokens(model)) {
    assert.ok(t.line >= 0 && t.line < model.lines.length, `token line ${t.line} inside`);
    assert.ok(
      t.start >= 0 && t.length > 0 && t.start + t.length <= model.lines[t.line].length,
      `token ${JSON.stringify(t)} inside its line`,
    );
    assert.ok(
      t.line > previous.line || (t.line === previous.line && t.start >= previous.end),
      'tokens sorted and not overlapping',
    );
    assert.ok(
      t.type >= 0 && t.type < TOKEN_TYPES.length && t.modifiers < 1 << TOKEN_MODIFIERS.length,
      'token type and modifiers in the legend',
    );
    previous = { line: t.line, end: t.start + t.length };
  }
  const checkItem = (item: OutlineItem): void => {
    assert.ok(
      item.line >= 0 && item.line <= item.endLine && item.endLine < model.lines.length,
      `outline item ${item.name} lines inside`,
    );
    assert.ok(
      item.start >= 0 && item.start <= item.end && item.end <= model.lines[item.line].length,
      `outline item ${item.name} selection inside`,
    );
    item.children.forEach(checkItem);
  };
  outline(model).forEach(checkItem);
  for (const f of folds(model))
    assert.ok(f.start >= 0 && f.start <= f.end && f.end < model.lines.length, `fold ${f.start}-${f.end} inside`);
  return counts;
}

/** The model's lines are the document's lines as LSP positions count them (ended by \n, \r\n or \r): nothing lost, nothing changed. */
function checkTextKept(model: Model, text: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  assert.equal(model.lines.length, lines.length, 'one model line per document line');
  for (let i = 0; i < lines.length; i++) {
    if (model.lines[i] !== lines[i]) assert.fail(`line ${i} changed`);
    assert.equal(model.text.offsetAt({ line: i, character: 0 }), model.text.starts[i]);
  }
  const end = model.text.positionAt(text.length);
  assert.equal(end.line, lines.length - 1, 'the end of the text is on the last line');
}

function checkWalk(model: Model, start: UnwindStart): UnwindResult {
  const result = unwind(model, start);
  assert.ok(result.frames.length <= MAX_FRAMES + 1, `walk bounded (${result.frames.length} frames)`);
  assert.ok(result.stop.reason.length > 0, 'a walk says why it stopped');
  const seen = new Set<bigint>();
  for (const frame of result.frames) {
    for (const line of frame.evidence) assert.ok(line >= 0 && line < model.lines.length, `frame evidence line ${line} inside`);
    if (frame.frameAddress === undefined) continue;
    assert.ok(
      !seen.has(frame.frameAddress),
      `walk from ${describeStart(start)} repeats frame address ${frame.frameAddress.toString(16)}`,
    );
    seen.add(frame.frameAddress);
  }
  const document = unwindText(model, start);
  const outputLines = document.text.split('\n').length;
  for (const link of document.links) {
    assert.ok(link.sourceLine >= 0 && link.sourceLine < model.lines.length, `unwind link to ${link.sourceLine} inside`);
    assert.ok(link.outputLine >= 0 && link.outputLine < outputLines, 'unwind link from a line of the output');
  }
  return result;
}

function describeStart(start: UnwindStart): string {
  return JSON.stringify(start, (_, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
}

function assertRangeInside(model: Model, range: Range, what: string): void {
  const { start, end } = range;
  const inside = (p: { line: number; character: number }) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < model.lines.length &&
    p.character >= 0 &&
    p.character <= model.lines[p.line].length;
  assert.ok(inside(start) && inside(end), `${what}: range ${JSON.stringify(range)} outside the document`);
  assert.ok(
    start.line < end.line || (start.line === end.line && start.character <= end.character),
    `${what}: range ${JSON.stringify(range)} ends before it starts`,
  );
}

/** Positions worth probing: word starts and ends on random lines, line ends, and past them. */
function probePositions(model: Model, count: number, random: () => number): { line: number; character: number }[] {
  const positions: { line: number; character: number }[] = [];
  for (let k = 0; k < count; k++) {
    const line = Math.floor(random() * model.lines.length);
    const text = model.lines[line];
    const words = [...text.slice(0, 4000).matchAll(/[\w$.#%[\]+/-]+/g)];
    const r = random();
    let character: number;
    if (r < 0.7 && words.length > 0) {
      const word = words[Math.floor(random() * words.length)];
      character = word.index + Math.floor(random() * (word[0].length + 1));
    } else if (r < 0.85) character = Math.floor(random() * (text.length + 1));
    else character = text.length + Math.floor(random() * 5);
    positions.push({ line, character });
  }
  positions.push(
    { line: model.lines.length - 1, character: 0 },
    { line: model.lines.length, character: 0 },
    { line: -1, character: -1 },
  );
  return positions;
}

function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}
