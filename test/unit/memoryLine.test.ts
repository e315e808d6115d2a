// The dump-line reader on the lines crash prints (rd -x, bt -f), read from our own corpus: every
// such line gives its words at their columns, a character that is no hex digit anywhere in a
// word stops the line there, and characters outside ASCII (a note in another script) change
// nothing before them, on a line alone or in a whole transcript.
import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { analyze } from '../../server/src/analysis/model';
import { parseMemoryLine, type MemorySink } from '../../server/src/analysis/parse/memoryLine';

const CORPUS = join(__dirname, '../corpus');
/** `ADDR: VALUE VALUE` with 16 digits to each: what rd -x and bt -f print on 64-bit kernels. */
const PLAIN = /^(\s*)([0-9a-f]{16}):(\s+)([0-9a-f]{16})(\s+)([0-9a-f]{16})\s*$/;

interface Word {
  address: bigint;
  value: bigint;
  width: number;
  column: number;
}

function wordsOf(text: string, allowSymbolic = false): { words: Word[]; result: number } {
  const words: Word[] = [];
  const sink: MemorySink = {
    word(addrHi, addrLo, valHi, valLo, width, column) {
      words.push({
        address: (BigInt(addrHi) << 32n) | BigInt(addrLo),
        value: (BigInt(valHi) << 32n) | BigInt(valLo),
        width,
        column,
      });
    },
    symbolic() {},
  };
  const result = parseMemoryLine(text, sink, allowSymbolic);
  return { words, result };
}

const plainLines = readdirSync(CORPUS)
  .flatMap((arch) => readdirSync(join(CORPUS, arch)).map((name) => join(CORPUS, arch, name)))
  .filter((path) => path.endsWith('.crashlog'))
  .flatMap((path) => readFileSync(path, 'utf8').split(/\r?\n/))
  .filter((line) => PLAIN.test(line));

/** The words a plain line holds, read by the pattern. */
function expected(line: string): Word[] {
  const [, indent, address, gap, first, between, second] = PLAIN.exec(line)!;
  const firstColumn = indent.length + 17 + gap.length;
  return [
    { address: BigInt('0x' + address), value: BigInt('0x' + first), width: 8, column: firstColumn },
    { address: BigInt('0x' + address) + 8n, value: BigInt('0x' + second), width: 8, column: firstColumn + 16 + between.length },
  ];
}

describe('dump lines', () => {
  it('reads every plain 64-bit dump line of the corpus as its two words', () => {
    assert.ok(plainLines.length > 1000, `${plainLines.length} lines`);
    for (const line of plainLines) assert.deepEqual(wordsOf(line).words, expected(line), line);
  });

  it('reads upper-case digits as lower-case ones', () => {
    for (const line of plainLines.slice(0, 200)) assert.deepEqual(wordsOf(line.toUpperCase()).words, expected(line), line);
  });

  it('stops at a character that is no hex digit, wherever it stands in a word', () => {
    const line = plainLines.find((l) => /[a-f]/.test(PLAIN.exec(l)![4]) && /[0-9]/.test(PLAIN.exec(l)![4]))!;
    const [first, second] = expected(line);
    const firstAt = first.column;
    const secondAt = second.column;
    // Neighbours of the digits and letters in ASCII, control characters that fold onto digits, and beyond ASCII.
    for (const c of ['/', ':', '@', 'G', '`', 'g', 'x', '\x10', '\x19', '\x7f', '\u00e9', '\u8fd4', '\ud83d']) {
      // A colon after 7 digits or more makes them the address of a second column (search output side by side).
      for (let k = 0; k < (c === ':' ? 7 : 16); k++) {
        const inFirst = line.slice(0, firstAt + k) + c + line.slice(firstAt + k + 1);
        assert.deepEqual(wordsOf(inFirst).words, [], JSON.stringify(inFirst));
        const inSecond = line.slice(0, secondAt + k) + c + line.slice(secondAt + k + 1);
        assert.deepEqual(wordsOf(inSecond).words, [first], JSON.stringify(inSecond));
      }
    }
  });

  it('reads the words before a note in another script, on a line alone and in a transcript', () => {
    const lines = plainLines.slice(0, 400);
    const noted = lines.map((line, i) => (i % 3 === 1 ? `${line}  # \u8fd4\u56de\u5730\u5740 ${i}` : line));
    noted.forEach((line, i) => assert.deepEqual(wordsOf(line).words, expected(lines[i]), line));
    const model = analyze(['crash> rd -x ffffcd72c062fbb0 800', ...noted].join('\n'));
    lines.forEach((line, i) => {
      for (const word of expected(line)) {
        const found = model.memory.wordsAt(word.address).find((w) => w.line === i + 1);
        assert.ok(found, `line ${i + 1}: ${line}`);
        assert.equal(found.value, word.value);
        assert.equal(found.column, word.column);
      }
    });
  });

  // A bare paste of `bt -FF` (no prompt naming -F), from a public 5.3-rt x86_64 report.
  it('reads `bt -FF` words by their `[address:cache]` shape where no prompt says -F', () => {
    const line = '       ffffb0f6808e7dc0: [ffff9ca71bd7ad80:pid] init_pid_ns      ';
    const { words, result } = wordsOf(line);
    assert.equal(result, 2);
    assert.deepEqual(
      words.map((w) => [w.address, w.value]),
      [[0xffffb0f6808e7dc0n, 0xffff9ca71bd7ad80n]],
    );
    const model = analyze(
      [
        '    #6 [ffffb0f6808e7d38] proc_pid_status+0x664 at ffffffffaa4c9ff4',
        '       ffffb0f6808e7da0: 2c93096daf3bc600 [ffff9ca77e9a8000:task_struct]',
        '       ffffb0f6808e7db0: [ffff9ca7602f6408:proc_inode_cache] [ffff9ca77e934908:seq_file] ',
        line,
      ].join('\n'),
    );
    assert.equal(model.memory.wordsAt(0xffffb0f6808e7da8n)[0]?.value, 0xffff9ca77e9a8000n);
    assert.equal(model.memory.wordsAt(0xffffb0f6808e7db0n)[0]?.value, 0xffff9ca7602f6408n);
  });
  it('reads a `func+offset` word of `bt -F` where no prompt says -F', () => {
    assert.equal(wordsOf('       ffffb0f6808e7d38: proc_pid_status+1636 ').result, 1);
  });
  it('reads no symbolic word on a line without those shapes where no prompt says -F', () => {
    assert.equal(wordsOf('    ffffb0f6808e7d40: init_user_ns     init_pid_ns').result, 0);
  });
});
