// `crashlog check BIG | head -1`: the reader stops reading and closes the pipe. The command then
// ends quietly, with the status it would have had, instead of dying on an unhandled EPIPE.
import { strict as assert } from 'assert';
import { spawn } from 'child_process';
import { EventEmitter } from 'events';
import * as path from 'path';
import { exitQuietlyWhenClosed } from '../../server/src/cli/closedOutput';
import { REPO_ROOT } from '../support/corpus';

const CLI = path.join(REPO_ROOT, 'server', 'src', 'cli.ts');
const SEED000 = path.join(REPO_ROOT, 'examples', 'x86_64-seed000.crashlog');

/** Runs the CLI with its stdout a pipe whose reader is gone before it writes; its status and stderr. */
function runIntoClosedPipe(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('the CLI writing into a closed pipe', () => {
  for (const [args, status] of [
    [['analyze', SEED000], 0],
    [['analyze', '--json', SEED000], 0],
    [['check', SEED000], 1],
    [['unwind', SEED000, '--line', '6'], undefined],
    [['--help'], 0],
  ] as const) {
    it(`crashlog ${args.join(' ').replace(REPO_ROOT + path.sep, '')} ends quietly`, async () => {
      const run = await runIntoClosedPipe([...args]);
      assert.equal(run.stderr, '');
      if (status !== undefined) assert.equal(run.status, status);
    });
  }

  it('ends on EPIPE only; other write errors still surface', () => {
    const stream = new EventEmitter();
    let exits = 0;
    exitQuietlyWhenClosed(stream, () => exits++);
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    assert.equal(exits, 1);
    assert.throws(() => stream.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' })), /EIO/);
    assert.equal(exits, 1);
  });
});
