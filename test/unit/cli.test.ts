// The `crashlog` command line: one parser, the same options everywhere, --help per
// subcommand with its exit statuses, formats.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { main } from '../../server/src/cli';
import { failureLines, failuresJson } from '../../server/src/cli/failures';
import { at } from '../support/caret';
import { example, REPO_ROOT } from '../support/corpus';

const SEED000 = path.join(REPO_ROOT, 'examples', 'x86_64-seed000.crashlog');
const SEED002 = path.join(REPO_ROOT, 'examples', 'arm64-seed002.crashlog');
const caret = at(example('x86_64-seed000.crashlog'), 'ffffffffc07258b3');
/** 1-based LINE:COL of a module-text return address of seed 000. */
const RETURN_ADDRESS = `${caret.line + 1}:${caret.character + 1}`;
const SYSTEM_MAP = path.join(REPO_ROOT, 'test', 'fixtures', 'symbols', 'System.map');

/** Runs the CLI in this process, capturing what it writes. */
function run(...argv: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = (chunk: string | Uint8Array) => ((stdout += chunk.toString()), true);
  process.stderr.write = (chunk: string | Uint8Array) => ((stderr += chunk.toString()), true);
  try {
    return { status: main(argv), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** A valid invocation of each subcommand, to add options to. */
const INVOCATIONS: Record<string, string[]> = {
  analyze: ['analyze', SEED000],
  hover: ['hover', SEED000, RETURN_ADDRESS],
  unwind: ['unwind', SEED002, '--fp', '0xffffffc0427f33b0'],
  check: ['check', SEED000],
};

describe('crashlog CLI', () => {
  for (const [name, invocation] of Object.entries(INVOCATIONS)) {
    describe(name, () => {
      it('prints its help with options and exit statuses, exit 0', () => {
        const { status, stdout } = run(name, '--help');
        assert.equal(status, 0);
        assert.match(stdout, new RegExp(`^usage: crashlog ${name} `));
        for (const option of ['--arch ID', '--symbols FILE', '--help']) assert.ok(stdout.includes(option), option);
        assert.match(stdout, /exit status:\n {2}0 {2}done\n[\s\S]* {2}2 {2}usage error/);
      });

      it('validates --arch: an unknown id is a usage error naming the known ones', () => {
        const { status, stderr } = run(...invocation, '--arch', 'sparc');
        assert.equal(status, 2);
        assert.match(stderr, /unknown architecture 'sparc' \(known: auto, x86_64/);
      });

      it('takes --arch auto and --symbols FILE', () => {
        const { status, stderr } = run(...invocation, '--arch=auto', '--symbols', SYSTEM_MAP);
        assert.ok(status === 0 || status === 1, `${status}: ${stderr}`);
        assert.doesNotMatch(stderr, /usage/);
      });

      it('refuses an unknown option and a missing value', () => {
        assert.equal(run(...invocation, '--frobnicate').status, 2);
        assert.match(run(...invocation, '--arch').stderr, /--arch needs a value/);
      });

      it('stops with status 2 on a symbol file that cannot be used', () => {
        const { status, stderr } = run(...invocation, '--symbols', path.join(REPO_ROOT, 'no-such-System.map'));
        assert.equal(status, 2);
        assert.match(stderr, /no-such-System\.map is not used: the file does not exist/);
      });
    });
  }

  it('lists the subcommands for --help, and refuses an unknown one', () => {
    const help = run('--help');
    assert.equal(help.status, 0);
    for (const name of Object.keys(INVOCATIONS)) assert.match(help.stdout, new RegExp(`crashlog ${name} `));
    const unknown = run('frobnicate');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    assert.equal(run().status, 2);
  });

  it('analyze: --format json is the main spelling, --json its alias, text the default', () => {
    const json = run('analyze', SEED000, '--format', 'json');
    assert.equal(json.status, 0);
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(run('analyze', '--json', SEED000).stdout));
    assert.equal((JSON.parse(json.stdout) as { arch: string }).arch, 'x86_64');
    assert.match(run('analyze', SEED000).stdout, /^arch: x86_64/);
    assert.equal(run('analyze', SEED000, '--format', 'xml').status, 2);
    assert.match(run('analyze', SEED000, '--json', '--format', 'text').stderr, /disagree/);
  });

  it("analyze prints a 32-bit kernel's addresses in 8 digits, as crash does", () => {
    const i386 = path.join(REPO_ROOT, 'test', 'corpus', 'i386', '02-null.crashlog');
    const summary = JSON.parse(run('analyze', i386, '--json').stdout) as {
      backtraces: { task: string; frames: { address: string; stackAddress: string }[] }[];
    };
    const bt = summary.backtraces[0];
    assert.equal(bt.task, 'c2c75100');
    assert.deepEqual([bt.frames[0].stackAddress, bt.frames[0].address], ['c2c4dd00', 'c18d320a']);
    assert.match(run('analyze', i386).stdout, /#0 \[c2c4dd00\] panic at c18d320a /);
  });

  it('analyze --arch forces the architecture', () => {
    const forced = JSON.parse(run('analyze', SEED000, '--json', '--arch', 'aarch64').stdout) as { arch: string };
    assert.equal(forced.arch, 'arm64');
  });

  it('hover: the card for 1-based LINE:COL; 1 where there is none; 2 for a malformed position', () => {
    const card = run('hover', SEED000, RETURN_ADDRESS);
    assert.equal(card.status, 0, card.stderr);
    assert.match(card.stdout, /kmem_alloc\+83/);
    assert.equal(run('hover', SEED000, '1:1').status, 1);
    assert.equal(run('hover', SEED000, '0:5').status, 2);
    assert.equal(run('hover', SEED000, 'x').status, 2);
  });

  it('unwind: needs exactly one of --fp, --address and --line; 1 when nothing starts at the line', () => {
    assert.match(run('unwind', SEED002).stderr, /give one of --fp ADDR, --address ADDR or --line N/);
    assert.equal(run('unwind', SEED002, '--fp', '1', '--address', '2').status, 2);
    // A typed stack address on seed 000 (no frame-pointer prologues): the return slot of kmem_alloc+83.
    const typed = JSON.parse(run('unwind', SEED000, '--address', 'ffffa269e37dbd30', '--format', 'json').stdout) as {
      start: { slot: string; choice: string };
      frames: { function: string; method: string; confidence: string }[];
    };
    assert.equal(typed.start.slot, 'ffffa269e37dbd30');
    assert.match(typed.start.choice, /holds a return address; the return slot, frames sized from there/);
    assert.equal(typed.frames[0].function, 'kmem_alloc');
    // Frame 0 comes from a stack word, not from registers: as sure as a return address at the slot is.
    assert.deepEqual([typed.frames[0].method, typed.frames[0].confidence], ['scan', 'likely']);
    const above = JSON.parse(run('unwind', SEED000, '--address', 'ffffa269e37dbd28', '--format', 'json').stdout) as typeof typed;
    assert.match(above.start.choice, /the first return address at or above ffffa269e37dbd28 is at ffffa269e37dbd30/);
    assert.deepEqual(
      [above.frames[0].function, above.frames[0].method, above.frames[0].confidence],
      ['kmem_alloc', 'scan', 'guess'],
    );
    assert.equal(run('unwind', SEED002, '--fp', '1', '--line', '2').status, 2);
    assert.equal(run('unwind', SEED002, '--line', '1').status, 1);
    // Any dump line starts a walk from its address, as the editor's "Unwind from Address…" does.
    const dumpLine = run('unwind', SEED002, '--line', '48');
    assert.equal(dumpLine.status, 0, dumpLine.stderr);
    assert.match(dumpLine.stdout, /the first return address at or above ffffffc0427f33c0/);
    // mips64 is read without a model: its help -r line starts no walk, and the CLI says why.
    const mips = path.join(REPO_ROOT, 'test', 'corpus', 'mips64', '02-null.crashlog');
    const helpR = readFileSync(mips, 'utf8')
      .split('\n')
      .findIndex((l) => /^\s*R0: /.test(l));
    const unmodelled = run('unwind', mips, '--line', String(helpR + 1));
    assert.deepEqual([unmodelled.status, unmodelled.stdout], [1, '']);
    assert.match(unmodelled.stderr, /nothing to unwind from at line \d+: crashlog does not unwind mips64 stacks yet/);
    const json = run('unwind', SEED002, '--fp', '0xffffffc0427f33b0', '--format', 'json');
    assert.equal((JSON.parse(json.stdout) as { frames: { function: string }[] }).frames[0].function, '__const_udelay');
  });

  it('check: text lines, JSON counts, exit 1 on errors, rules turned off by --disable', () => {
    const text = run('check', SEED000);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /x86_64-seed000\.crashlog:\d+:\d+: error \[call-target-mismatch\] /);
    const json = JSON.parse(run('check', SEED000, '--format', 'json').stdout) as { errors: number; files: unknown[] };
    assert.ok(json.errors > 0);
    const off = run('check', SEED000, '--disable', 'call-target-mismatch,offset-beyond-size', '--disable', 'not-text');
    assert.doesNotMatch(off.stdout, /call-target-mismatch|offset-beyond-size|not-text/);
    assert.match(run('check', SEED000, '--disable', 'no-such-rule').stderr, /unknown rule 'no-such-rule'/);
    assert.equal(run('check', SEED000, '--format', 'xml').status, 2);
  });

  it('check: an unreadable file is named, the others still checked', () => {
    const { status, stdout, stderr } = run('check', path.join(REPO_ROOT, 'no-such.crashlog'), SEED000);
    assert.equal(status, 1);
    assert.match(stderr, /cannot read .*no-such\.crashlog/);
    assert.match(stdout, /call-target-mismatch/);
  });

  it('analyze lists internal failures (none on seed 000), with 1-based lines', () => {
    assert.deepEqual((JSON.parse(run('analyze', SEED000, '--json').stdout) as { failures: unknown[] }).failures, []);
    const failures = [
      { source: 'parser' as const, line: 4, message: 'TypeError: x' },
      { source: 'rule:frame-order' as const, message: 'RangeError: y' },
    ];
    assert.deepEqual(failuresJson(failures), [
      { source: 'parser', line: 5, message: 'TypeError: x' },
      { source: 'rule:frame-order', line: null, message: 'RangeError: y' },
    ]);
    assert.deepEqual(failureLines(failures, 'a.crashlog'), [
      'internal failure in a.crashlog: parser at line 5: TypeError: x',
      'internal failure in a.crashlog: rule:frame-order: RangeError: y',
    ]);
  });
});
