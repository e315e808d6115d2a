// What a person waits for after typing: the built server over stdio, a transcript made
// of the shared corpus' real text, then a change and a hover a few lines below it that
// needs the model of the new version. Prints figures, asserts nothing.
import { ChildProcess, spawn } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { loadavg } from 'os';
import * as path from 'path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  ProtocolConnection,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { SERVER_EXEC_ARGV } from '../protocol/src';
import { median } from './stats';

const MB = 1024 * 1024;
const REPEATS = 5;
const now = () => Number(process.hrtime.bigint()) / 1e6;

interface Position {
  line: number;
  character: number;
}

interface Change {
  range: { start: Position; end: Position };
  text: string;
}

/** The corpus' crash transcripts and consoles, then syzkaller's logs, repeated up to `bytes`. */
export function corpusTranscript(repoRoot: string, bytes: number): string | undefined {
  const corpus = path.join(repoRoot, '..', 'shared', 'corpus');
  if (!existsSync(corpus)) return undefined;
  const texts: string[] = [];
  for (const dir of ['crash-x86_64', 'crash-arm64', 'syzkaller']) {
    const full = path.join(corpus, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).sort()) {
      if (!name.endsWith('.crashlog') && dir !== 'syzkaller') continue;
      let text = readFileSync(path.join(full, name), 'utf8');
      // syzkaller's files start with their own header lines, then a blank line.
      if (dir === 'syzkaller') text = text.slice(text.indexOf('\n\n') + 2);
      texts.push(text.replace(/\r\n/g, '\n'));
    }
  }
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    const text = texts[k % texts.length];
    parts.push(text);
    size += text.length + 1;
  }
  return parts.join('\n');
}

export class Session {
  private readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  private version = 1;

  constructor(serverPath: string) {
    // CRASHLOG_BENCH_SERVER_ARGS adds Node options to the server (e.g. `--cpu-prof` to profile it).
    const extra = process.env.CRASHLOG_BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
    this.process = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...extra, serverPath, '--stdio'], { stdio: 'pipe' });
    this.process.stderr!.resume();
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { workspace: { configuration: true } },
    });
    await this.connection.sendNotification('initialized', {});
  }

  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'crashlog', version: this.version, text },
    });
  }

  async change(uri: string, change: Change): Promise<void> {
    this.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: this.version },
      contentChanges: [change],
    });
  }

  async hover(uri: string, position: Position): Promise<unknown> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    this.connection.dispose();
    if (this.process.exitCode === null) await new Promise((resolve) => this.process.once('exit', resolve));
  }
}

/** A line near `at` whose first word is a hex value (a hover there needs the model). */
function hoverLine(lines: string[], at: number): number {
  for (let i = at; i < Math.min(lines.length, at + 200); i++) if (/^\s*(?:0x)?[0-9a-f]{8,16}\b/.test(lines[i])) return i;
  return at;
}

interface EditFigures {
  open: number;
  typed: number;
  enter: number;
  paste: number;
  deleteBlock: number;
}

/** Open + first hover, then each kind of edit REPEATS times (median): change sent to hover answered. */
async function measure(serverPath: string, text: string): Promise<EditFigures> {
  const session = new Session(serverPath);
  const uri = 'file:///bench/edits.crashlog';
  try {
    await session.initialize();
    const lines = text.split('\n');
    const middle = Math.floor(lines.length / 2);
    let t0 = now();
    await session.open(uri, text);
    await session.hover(uri, { line: hoverLine(lines, middle), character: 6 });
    const open = now() - t0;

    const timed = async (edit: (k: number) => { change: Change; hover: Position }): Promise<number> => {
      const times: number[] = [];
      for (let k = 0; k < REPEATS; k++) {
        const { change, hover } = edit(k);
        t0 = now();
        await session.change(uri, change);
        await session.hover(uri, hover);
        times.push(now() - t0);
      }
      return median(times);
    };
    const at = (line: number, character: number): Position => ({ line, character });
    // Each edit lands in another part of the document, as edits of a person would.
    const place = (k: number) => Math.floor((lines.length * (k + 2)) / (REPEATS + 4));
    const typed = await timed((k) => {
      const line = place(k);
      return { change: { range: { start: at(line, 0), end: at(line, 0) }, text: ' ' }, hover: at(hoverLine(lines, line + 3), 6) };
    });
    const enter = await timed((k) => {
      const line = place(k) + 10;
      return {
        change: { range: { start: at(line, 2), end: at(line, 2) }, text: '\n' },
        hover: at(hoverLine(lines, line + 4), 6),
      };
    });
    const block = lines.slice(middle, middle + 20).join('\n') + '\n';
    const paste = await timed((k) => {
      const line = place(k) + 20;
      return {
        change: { range: { start: at(line, 0), end: at(line, 0) }, text: block },
        hover: at(hoverLine(lines, line + 25), 6),
      };
    });
    const deleteBlock = await timed((k) => {
      const line = place(k) + 30;
      return {
        change: { range: { start: at(line, 0), end: at(line + 20, 0) }, text: '' },
        hover: at(hoverLine(lines, line + 3), 6),
      };
    });
    return { open, typed, enter, paste, deleteBlock };
  } finally {
    await session.stop();
  }
}

/** Prints the change-to-answer figures for documents of the given sizes. */
export async function benchEdits(repoRoot: string, sizesMB: readonly number[]): Promise<void> {
  const serverPath = path.join(repoRoot, 'dist', 'server.js');
  for (const size of sizesMB) {
    const text = corpusTranscript(repoRoot, size * MB);
    if (!text) {
      console.log('change-to-answer over LSP: skipped (no shared corpus beside the repository)');
      return;
    }
    const load = loadavg()[0];
    const f = await measure(serverPath, text);
    const target = size <= 5 ? 'target <= 50 ms each' : `target <= ${(f.open / 10).toFixed(0)} ms each (10 % of open)`;
    console.log(
      `change-to-answer over LSP, ${(text.length / MB).toFixed(1)} MB of corpus text (median of ${REPEATS}): open + first hover ${f.open.toFixed(0)} ms; ` +
        `one character ${f.typed.toFixed(0)} ms, Enter ${f.enter.toFixed(0)} ms, paste 20 lines ${f.paste.toFixed(0)} ms, delete 20 lines ${f.deleteBlock.toFixed(0)} ms (${target}; machine load ${load.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after)`,
    );
  }
}
