// The Stack view's server side (issue 15): from the request to its answer on the built
// server over stdio, for the largest crash dump of the shared corpus as it is, with the
// stacks of its walk dumped in full, and with a 64 KiB `rd -x` range around the task
// stack. Words the dump does not show are real stack words of the other corpus dumps,
// so the picture judges as many text-looking words as a real full dump has. Prints
// figures, asserts nothing.
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { CodeLensRequest, PublishDiagnosticsNotification } from 'vscode-languageserver-protocol';
import { firstRows, StackViewRequest, unpackPicture, type StackViewResponse } from '../protocol/src';
import { FIRST_SCREEN_ROWS } from '../client/src/stackView/messages';
import { analyze } from '../server/src/analysis/model';
import { stackPictureAt } from '../server/src/analysis/stackPicture';
import { Session } from './lspEdits';
import { median } from './stats';

const REPEATS = 5;
/** Idle time after a version's diagnostics before the settled request. */
const SETTLE_MS = 500;
const STACK_BYTES = 0x4000n;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const DUMP_WORD_LINE = /^\s*([0-9a-f]{16}):\s+((?:[0-9a-f]{16}\s*){1,2})$/;

/** The crash transcripts of the shared corpus (not consoles), largest first. */
function crashTranscripts(repoRoot: string): string[] {
  const corpus = path.join(repoRoot, '..', 'shared', 'corpus');
  if (!existsSync(corpus)) return [];
  const files: string[] = [];
  for (const dir of readdirSync(corpus).filter((d) => d.startsWith('crash-')))
    for (const name of readdirSync(path.join(corpus, dir)))
      if (name.endsWith('.crashlog') && !name.includes('.console.')) files.push(path.join(corpus, dir, name));
  return files.sort((a, b) => statSync(b).size - statSync(a).size);
}

/** Every dumped stack word of the transcripts, by address, and all of them in order (the filler). */
function dumpedWords(texts: string[]): { byAddress: Map<bigint, string>; all: string[] } {
  const byAddress = new Map<bigint, string>();
  const all: string[] = [];
  texts.forEach((text, t) => {
    for (const line of text.split(/\r?\n/)) {
      const m = DUMP_WORD_LINE.exec(line);
      if (!m) continue;
      const words = m[2].trim().split(/\s+/);
      words.forEach((w, k) => {
        all.push(w);
        const at = BigInt('0x' + m[1]) + BigInt(k * 8);
        if (t === 0 && !byAddress.has(at)) byAddress.set(at, w);
      });
    }
  });
  return { byAddress, all };
}

/** `rd -x` output over [base, base + bytes): the dump's own words where it has them, real corpus words elsewhere. */
function rdOutput(base: bigint, bytes: bigint, words: { byAddress: Map<bigint, string>; all: string[] }): string {
  const out = [`crash> rd -x ${base.toString(16)} ${Number(bytes / 8n)}`];
  let k = 0;
  const word = (at: bigint) => words.byAddress.get(at) ?? words.all[k++ % words.all.length];
  for (let a = base; a < base + bytes; a += 16n) out.push(`${a.toString(16)}:  ${word(a)} ${word(a + 8n)} `);
  return out.join('\n');
}

interface Case {
  name: string;
  text: string;
  line: number;
}

export function stackViewCases(repoRoot: string): Case[] {
  const files = crashTranscripts(repoRoot);
  if (files.length === 0) return [];
  const texts = files.map((f) => readFileSync(f, 'utf8').replace(/\r\n/g, '\n'));
  const text = texts[0].replace(/\s*$/, '\n');
  const model = analyze(text);
  const line = model.backtraces[0]?.line ?? 0;
  const picture = stackPictureAt(model, line);
  if (!picture) return [];
  const words = dumpedWords(texts);
  const bases = picture.axes.map((a) => BigInt('0x' + a.base));
  const full = bases.map((b) => rdOutput(b, STACK_BYTES, words));
  // 64 KiB of adjacent stacks around the last stack of the walk (the task's), and the others in full.
  const task = bases[bases.length - 1];
  const wide = [...full.slice(0, -1), rdOutput(task - 2n * STACK_BYTES, 4n * STACK_BYTES, words)];
  const name = path.basename(files[0]);
  return [
    { name: `${name} as dumped`, text, line },
    { name: `${name}, the ${bases.length} stacks of its walk dumped in full`, text: text + full.join('\n') + '\n', line },
    { name: `${name}, a 64 KiB rd -x around the task stack`, text: text + wide.join('\n') + '\n', line },
  ];
}

/** Prints request-to-answer figures for the Stack view request on the built server. */
export async function benchStackView(repoRoot: string): Promise<void> {
  const all = stackViewCases(repoRoot);
  if (all.length === 0) {
    console.log('stack view request over LSP: skipped (no shared corpus beside the repository)');
    return;
  }
  for (const c of all) {
    const session = new Session(path.join(repoRoot, 'dist', 'server.js'));
    const uri = 'file:///bench/stack-view.crashlog';
    try {
      await session.initialize();
      await session.open(uri, c.text);
      const ask = () => session.connection.sendRequest(StackViewRequest, { uri, line: c.line });
      let t0 = now();
      const first: StackViewResponse = await ask();
      const firstMs = now() - t0;
      const again: number[] = [];
      for (let k = 0; k < REPEATS; k++) {
        t0 = now();
        await ask();
        again.push(now() - t0);
      }
      // A new version (one character typed far from the stack) the editor has asked its hovers and
      // CodeLenses of, as it does after every edit: what opening the view then costs (walk, layout,
      // packing, the pipe).
      const fresh: number[] = [];
      for (let k = 0; k < REPEATS; k++) {
        await session.change(uri, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' });
        await session.hover(uri, { line: c.line, character: 0 });
        await session.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
        t0 = now();
        await ask();
        fresh.push(now() - t0);
      }
      // A version the user has had open a moment: its diagnostics out, then half a second in
      // which the server makes the lenses' pictures ready in the background (what opening the
      // view on a transcript one is reading costs).
      const settled: number[] = [];
      for (let k = 0; k < REPEATS; k++) {
        const published = new Promise<void>((resolve) => {
          const listener = session.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
            if (p.uri !== uri) return;
            listener.dispose();
            resolve();
          });
        });
        await session.change(uri, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' });
        await published;
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        t0 = now();
        await ask();
        settled.push(now() - t0);
      }
      const picture = first.picture && unpackPicture(first.picture);
      const bytes = JSON.stringify(first).length;
      // What a new page's document carries (the whole picture follows it).
      const firstScreen = first.picture ? JSON.stringify(firstRows(first.picture, FIRST_SCREEN_ROWS)).length : 0;
      const plain = picture ? JSON.stringify({ picture }).length : 0;
      console.log(
        `stack view request over LSP, ${c.name} (${picture?.rowCount ?? 0} rows, answer ${(bytes / 1024).toFixed(0)} KB packed, ` +
          `${(plain / 1024).toFixed(0)} KB as objects, its first ${FIRST_SCREEN_ROWS} rows a stack ${(firstScreen / 1024).toFixed(0)} KB): open + first answer ${firstMs.toFixed(0)} ms; again (same version, median of ${REPEATS}) ` +
          `${median(again).toFixed(1)} ms; first request of a new, analysed version ${median(fresh).toFixed(0)} ms; ` +
          `of a version settled (diagnostics out, ${SETTLE_MS} ms idle) ${median(settled).toFixed(1)} ms (target: first paint <= 200 ms)`,
      );
    } finally {
      await session.stop();
    }
  }
}
