// Every variant of crash's bt, rd, search, kmem and sym output, on real dumps:
// test/corpus/<arch>/NN-type.formats.crashlog, made by scripts/dumps/formats.sh (crash run on
// our own vmcores, output unedited). Each variant is checked against what another variant of
// the same transcript says about the same frames, slots and words.
import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { describeAt } from '../../server/src/analysis/describe';
import { LineKind, LINE_KIND_NAMES } from '../../server/src/analysis/lineKinds';
import { analyze, type Model } from '../../server/src/analysis/model';
import { formatSummary, summarize } from '../../server/src/analysis/summary';
import { startTargets } from '../../server/src/analysis/unwind/starts';
import type { MemoryWord } from '../../server/src/analysis/memory';
import type { Backtrace, Frame, Section } from '../../server/src/analysis/types';

const CORPUS = join(__dirname, '../corpus');
const BIG_ENDIAN = new Set(['s390x']);

const transcripts = readdirSync(CORPUS).flatMap((arch) =>
  readdirSync(join(CORPUS, arch))
    .filter((name) => name.endsWith('.formats.crashlog'))
    .map((name) => ({ arch, name, path: join(CORPUS, arch, name) })),
);

function sections(model: Model, test: (command: string) => boolean): Section[] {
  return model.sections.filter((s) => test(s.command));
}

function section(model: Model, command: string): Section | undefined {
  return model.sections.find((s) => s.command === command);
}

function backtracesIn(model: Model, s: Section): Backtrace[] {
  return model.backtraces.filter((bt) => bt.line > s.line && bt.line <= s.endLine);
}

/** What crash's bt says of a frame whatever the options: level, function, slot, text address, module. */
function frameKey(f: Frame): string {
  return `#${f.level} ${f.function} [${f.stackAddress?.toString(16)}] at ${f.address?.toString(16)} ${f.module ?? ''}`;
}

/** Lines of a section's output. */
function outputLines(model: Model, s: Section): { text: string; line: number }[] {
  const lines = [];
  for (let i = s.line + 1; i <= s.endLine; i++) lines.push({ text: model.line(i), line: i });
  return lines;
}

/** The words a section's output lines dumped. */
function sectionWords(model: Model, s: Section): MemoryWord[] {
  const words: MemoryWord[] = [];
  for (let line = s.line + 1; line <= s.endLine; line++) {
    const address = /^\s*([0-9a-f]+):/.exec(model.line(line))?.[1];
    if (!address) continue;
    for (let a = BigInt('0x' + address), k = 0; k < 16; k++, a++)
      words.push(...model.memory.wordsAt(a).filter((w) => w.line === line));
  }
  return words;
}

/** A word's bytes by address. */
function bytesOf(word: MemoryWord, littleEndian: boolean): [bigint, number][] {
  const bytes: [bigint, number][] = [];
  for (let k = 0; k < word.width; k++) {
    const shift = BigInt(8 * (littleEndian ? k : word.width - 1 - k));
    bytes.push([word.address + BigInt(k), Number((word.value >> shift) & 0xffn)]);
  }
  return bytes;
}

/** crash could not read what the command needed (riscv64: `invalid kernel virtual address`). */
function crashFailed(model: Model, s: Section): boolean {
  return outputLines(model, s).some((l) => /\b(?:invalid kernel virtual address|cannot gather)\b/.test(l.text));
}

function hex(value: bigint | undefined): string {
  return value === undefined ? 'none' : value.toString(16);
}

describe('crash command variants on real dumps (test/corpus/<arch>/*.formats.crashlog)', () => {
  it('has a formats transcript for at least one architecture', () => {
    assert.ok(transcripts.length > 0);
  });

  for (const { arch, name, path } of transcripts) {
    describe(`${arch}/${name}`, () => {
      let model: Model;
      let plain: Backtrace;
      before(() => {
        model = analyze(readFileSync(path, 'utf8'));
        const bt = section(model, 'bt');
        assert.ok(bt, 'a plain bt section');
        plain = backtracesIn(model, bt)[0];
        assert.ok(plain && plain.frames.length > 3, 'the plain bt has frames');
      });

      it('leaves no line unrecognised and no parser failure', () => {
        const prose = model.lines.flatMap((text, i) => (model.lineKinds[i] === LineKind.Prose ? [`${i + 1}: ${text}`] : []));
        assert.deepEqual(prose, []);
        assert.deepEqual(model.failures, []);
        const kinds = new Set(Array.from(model.lineKinds, (k) => LINE_KIND_NAMES[k]));
        for (const kind of ['bt-frame', 'memory', 'sym', 'kmem']) assert.ok(kinds.has(kind), kind);
      });

      it('bt -s/-sx/-l/-f/-F/-FF/-FFxs/-x/-d/-a/-c/TASK: the same frames as the plain bt', () => {
        // riscv64's crash stops some variants at an unreadable page: those print fewer frames.
        const variants = sections(model, (c) => /^bt (?:-(?:s|sx|l|f|F|FF|FFxs|x|d|a)|-c \d+|[0-9a-f]{8,16})$/.test(c)).filter(
          (s) => !crashFailed(model, s),
        );
        assert.ok(variants.length >= 8, `${variants.length} variants`);
        for (const s of variants) {
          const bt = backtracesIn(model, s).find((b) => b.task === plain.task);
          assert.ok(bt, `${s.command}: a backtrace of task ${hex(plain.task)}`);
          assert.deepEqual(bt.frames.map(frameKey), plain.frames.map(frameKey), s.command);
          assert.deepEqual(bt.options, s.options, s.command);
        }
      });

      it('bt -s and bt -sx: the offsets agree, start the functions where sym puts them', () => {
        const decimal = backtracesIn(model, section(model, 'bt -s')!)[0].frames;
        const hexOffsets = backtracesIn(model, section(model, 'bt -sx')!)[0].frames;
        const withOffset = decimal.filter((f) => f.offset !== undefined);
        assert.ok(withOffset.length >= plain.frames.length - 2, `${withOffset.length} frames with an offset`);
        assert.deepEqual(
          hexOffsets.map((f) => f.offset),
          decimal.map((f) => f.offset),
        );
        for (const f of withOffset) {
          const found = model.symbols.lookup(f.address!);
          assert.ok(found, `${f.function}: a symbol for ${hex(f.address)}`);
          assert.equal(found.symbol.name, f.function);
          assert.equal(found.offset, f.offset, `${f.function}+${f.offset}`);
        }
        // `sym ADDR` of the same return address names the same function and offset.
        const symSection = sections(model, (c) => /^sym [0-9a-f]+$/.test(c))[0];
        const address = BigInt('0x' + symSection.args[0]);
        const frame = withOffset.find((f) => f.address === address);
        assert.ok(frame, `a bt -s frame at ${hex(address)}`);
        assert.match(model.line(symSection.line + 1), new RegExp(`\\([Tt]\\) ${frame.function}\\+${frame.offset}\\b`));
      });

      it('bt -l: the source line under each frame belongs to its text address', () => {
        const s = section(model, 'bt -l')!;
        const frames = backtracesIn(model, s)[0].frames;
        // Every frame with a `path: N` line under it gets that source line (s390x entry code has a path alone).
        const underneath = frames.filter((f) => /^\s+\S+: \d+$/.test(model.line(f.line + 1)));
        assert.ok(underneath.length >= frames.length / 2, `${underneath.length} of ${frames.length} frames`);
        for (const f of underneath) {
          const found = model.sourceLines.find((s) => s.line === f.line + 1);
          assert.equal(hex(found?.address), hex(f.address), f.function);
          assert.equal(model.line(f.line + 1).trim(), `${found!.source.file}: ${found!.source.line}`);
        }
      });

      it('bt -f/-F/-FF words and rd words agree at every address (no memory conflict)', () => {
        assert.deepEqual(
          model.memory.conflicts.map(
            (c) => `${hex(c.address)}: ${c.words.map((w) => `${hex(w.value)}@${w.line + 1}`).join(' ')}`,
          ),
          [],
        );
        const words = outputLines(model, section(model, 'bt -f')!).filter((l) => model.lineKinds[l.line] === LineKind.Memory);
        assert.ok(words.length > 10);
      });

      it('bt -e: one register block per exception frame crash found, each with its registers', function () {
        const s = section(model, 'bt -e')!;
        const headings = outputLines(model, s).filter((l) => /EXCEPTION FRAME AT/.test(l.text));
        if (headings.length === 0) this.skip(); // ppc64le's crash finds none
        const blocks = backtracesIn(model, s).flatMap((bt) => bt.exceptionFrames);
        assert.equal(blocks.length, headings.length);
        for (const block of blocks) {
          assert.ok(block.registers.length >= 3, `block at line ${block.line + 1}`);
          // `[exception RIP|EIP: func+off]` with the ip beside it gives the function's start.
          const at = /^([\w.]+)\+(\d+)$/.exec(block.exceptionRip ?? '');
          const ip = block.registers.find((r) => r.name === 'RIP' || r.name === 'EIP')?.value;
          if (at && ip !== undefined)
            assert.equal(hex(model.symbols.get(at[1])?.base), hex(ip - BigInt(at[2])), block.exceptionRip);
        }
      });

      it('bt -f frame extents ([RA: … SP: … FP: … SIZE: …], [PC: … RA: … SP: … SIZE: …]) belong to their frames', function () {
        const frames = backtracesIn(model, section(model, 'bt -f')!).flatMap((bt) => bt.frames);
        const extents = frames.filter((f) => f.extent);
        if (extents.length === 0) this.skip(); // ppc64le and s390x print none
        assert.ok(extents.length >= frames.length / 2, `${extents.length} of ${frames.length}`);
        for (const f of extents) {
          const { pc, ra, sp, fp, size } = f.extent!;
          // riscv64 prints the frame's pc; i386 the return address at FP (SIZE bytes above SP, with it).
          if (pc !== undefined) assert.equal(hex(pc), hex(f.address), f.function);
          if (fp !== undefined && ra !== undefined) {
            assert.equal(hex(model.memory.readWord(fp, 4)?.value), hex(ra), `${f.function}: RA is the word at FP`);
            assert.equal(Number(fp - sp!) + 4, size, `${f.function}: SIZE`);
          }
        }
      });

      it('bt -FF/-FFxs/rd -SS: a [ADDR:cache] word is the word dumped there and a pointer into an object of the cache', function () {
        let checked = 0;
        for (const s of sections(model, (c) => c === 'bt -FF' || c === 'bt -FFxs' || c.startsWith('rd -SS '))) {
          for (const { text, line } of outputLines(model, s)) {
            const slot = /^\s*([0-9a-f]+):/.exec(text)?.[1];
            if (!slot) continue;
            for (const m of text.matchAll(/\[([0-9a-f]+):([\w.()-]+)\]/g)) {
              const words = text
                .slice(text.indexOf(':') + 1)
                .trim()
                .split(/\s+/);
              const width = slot.length > 8 ? 8 : 4;
              const address: bigint = BigInt('0x' + slot) + BigInt(words.indexOf(m[0]) * width);
              const word: MemoryWord | undefined = model.memory.wordsAt(address).find((w) => w.line === line);
              assert.equal(hex(word?.value), m[1], text);
              assert.equal(model.slabAt(BigInt('0x' + m[1]))?.cache, m[2], text);
              // Hovered as a slab pointer where the architecture's layout classifies addresses.
              if (model.spec) {
                const card = describeAt(model, line, text.indexOf(m[0]) + 2);
                assert.match(card?.markdown ?? '', new RegExp(`${m[2]} object`), text);
              }
              checked++;
            }
          }
        }
        // ppc64le's and riscv64's crash name no cache on these stacks.
        if (checked === 0) this.skip();
      });

      it('bt -t/-T: each text address found on the stack is the stack word at its slot', () => {
        let checked = 0;
        for (const s of sections(model, (c) => c === 'bt -t' || c === 'bt -T')) {
          for (const { text, line } of outputLines(model, s)) {
            const m = /^\s*\[\s*([0-9a-f]+)\] (\S+) at ([0-9a-f]+)/.exec(text);
            if (!m) continue;
            assert.equal(model.lineKinds[line], LineKind.Memory, text);
            const word = model.memory.wordsAt(BigInt('0x' + m[1])).find((w) => w.line === line);
            assert.equal(hex(word?.value), m[3], text);
            checked++;
          }
        }
        assert.ok(checked > 5, `${checked} text words`);
      });

      it('rd -8/-16/-32/-64/-d/-D read the same bytes as rd -x, in the byte order of the dump', () => {
        const rdx = sections(model, (c) => /^rd -x [0-9a-f]+ \d+$/.test(c))[0];
        const start = BigInt('0x' + rdx.args[0]);
        const littleEndian = !BIG_ENDIAN.has(arch);
        const bytes = new Map<bigint, number>();
        const dumped = sectionWords(model, rdx);
        for (const w of dumped) for (const [address, byte] of bytesOf(w, littleEndian)) bytes.set(address, byte);
        assert.ok(bytes.size >= 64, `${bytes.size} bytes from rd -x`);
        for (const width of ['-8', '-16', '-32', '-64']) {
          const s = sections(model, (c) => c.startsWith(`rd ${width} `) && !c.includes('-d'))[0];
          const words = sectionWords(model, s);
          assert.equal(words[0]?.width, Number(width.slice(1)) / 8, width);
          let compared = 0;
          for (const w of words) {
            for (const [address, byte] of bytesOf(w, littleEndian)) {
              if (!bytes.has(address)) continue;
              assert.equal(byte, bytes.get(address), `rd ${width} byte at ${hex(address)}`);
              compared++;
            }
          }
          assert.ok(compared >= 32, `rd ${width}: ${compared} bytes compared`);
        }
        // rd -d and rd -D print the same words in signed and unsigned decimal.
        for (const command of ['rd -d', 'rd -D', 'rd -32 -d']) {
          const s = sections(model, (c) => c.startsWith(command + ' '))[0];
          const lines = outputLines(model, s);
          assert.ok(lines.length > 0 && lines.every((l) => model.lineKinds[l.line] === LineKind.Memory), command);
          const width = command.includes('-32') ? 4 : dumped[0].width;
          const word = model.memory.wordsAt(start).find((w) => w.line === lines[0].line);
          assert.equal(word?.width, width, command);
          assert.equal(hex(word?.value), hex(model.memory.readWord(start, width)?.value), command);
        }
      });

      it('hover: an rd -32 line holds 32-bit words, a search hit holds the value found', () => {
        const rd32 = sections(model, (c) => c.startsWith('rd -32 ') && !c.includes('-d'))[0];
        const first = model.line(rd32.line + 1);
        const [address, word, nextWord] = first.trim().split(/:?\s+/);
        const card = describeAt(model, rd32.line + 1, 1 + first.indexOf(address));
        assert.ok(card, first);
        assert.match(card.markdown, new RegExp(`^Holds \`${word}\` \\(32-bit\\), then \`${nextWord}\``, 'm'));
        const search = sections(model, (c) => c.startsWith('search -k '))[0];
        if (search.endLine === search.line) return; // nothing found
        const hit = model.line(search.line + 1);
        const [hitAddress, value] = hit.trim().split(/:\s+/);
        const hitCard = describeAt(model, search.line + 1, 1 + hit.indexOf(hitAddress));
        const digits = hitAddress.length > 8 ? 16 : 8;
        assert.match(hitCard?.markdown ?? '', new RegExp(`^Holds \`${value.padStart(digits, '0')}\``, 'm'));
      });

      it('hover: an rd -d word reads as the dumped word, not as hex digits', () => {
        const s = sections(model, (c) => c.startsWith('rd -d '))[0];
        const text = model.line(s.line + 1);
        // The first word long enough to be a value (short decimals are counts to the hover).
        const decimals = text
          .slice(text.indexOf(':') + 1)
          .trim()
          .split(/\s+/);
        const index = decimals.findIndex((w) => w.replace('-', '').length >= 8);
        const decimal = decimals[index];
        const words = sectionWords(model, s).filter((w) => w.line === s.line + 1);
        const word = words[index];
        const card = describeAt(model, s.line + 1, text.indexOf(decimal) + decimal.length - 1);
        assert.ok(card, text);
        assert.match(card.markdown, new RegExp(word.value.toString(16)), card.markdown);
      });

      it('rd -a (text) and rd -p (physical addresses) add no word to the virtual memory map', () => {
        for (const command of ['rd -a', 'rd -p']) {
          const s = sections(model, (c) => c.startsWith(command + ' '))[0];
          if (!s) continue;
          for (const { text, line } of outputLines(model, s)) {
            assert.equal(model.lineKinds[line], LineKind.Memory, text);
            const address = BigInt('0x' + /^\s*([0-9a-f]+):/.exec(text)![1]);
            assert.equal(model.memory.wordsAt(address).filter((w) => w.line === line).length, 0, text);
          }
        }
      });

      it('search -k/-t/-T: each hit is the searched value in memory at its address', function () {
        let hits = 0;
        for (const s of sections(model, (c) => c.startsWith('search ') && !c.includes('-p') && !c.includes('-c'))) {
          const value = s.args[s.args.length - 1];
          for (const { text, line } of outputLines(model, s)) {
            const m = /^([0-9a-f]+): ([0-9a-f]+)/.exec(text);
            if (m) {
              assert.equal(m[2], value);
              assert.equal(hex(model.memory.wordsAt(BigInt('0x' + m[1])).find((w) => w.line === line)?.value), value, text);
              hits++;
            } else if (text.startsWith('PID:')) {
              // A task heading of -t/-T names the task; it starts no backtrace.
              assert.equal(model.lineKinds[line], LineKind.BtHeader);
              assert.ok(!model.backtraces.some((bt) => bt.line === line), text);
            }
          }
        }
        assert.ok(hits >= 2, `${hits} hits`);
      });

      it('kmem -s TASK and kmem -S CACHE: slab objects with their cache, size and state', function () {
        const listing = sections(model, (c) => c.startsWith('kmem -s ') && c.endsWith(hex(plain.task)))[0];
        if (!listing || crashFailed(model, listing)) this.skip(); // riscv64: crash cannot read the slab page
        const slab = model.slabAt(plain.task! + 16n);
        assert.ok(slab, `a slab object at ${hex(plain.task)}`);
        assert.equal(slab.cache, 'task_struct');
        assert.equal(slab.address, plain.task);
        assert.equal(slab.allocated, true);
        assert.ok(slab.objectSize > 1000);
        const cache = sections(model, (c) => c.startsWith('kmem -S '))[0];
        const objects = model.slabs.filter((o) => o.line > cache.line && o.line <= cache.endLine);
        assert.ok(objects.length > 1, `${objects.length} objects`);
        for (const o of objects) assert.equal(o.cache, cache.args[0]);
        assert.ok(objects.some((o) => o.allocated) && objects.some((o) => !o.allocated));
      });

      it('sym -l gives symbols; sym -m gives the module extent holding its frames', () => {
        const symList = sections(model, (c) => c.startsWith('sym -l'))[0];
        // The first symbol with an address (riscv64 lists only absolute `0 (n) .comment` ones in the first 40).
        const lines = outputLines(model, symList);
        const addressOf = (text: string) => /^([0-9a-f]{8,16}) /.exec(text)?.[1];
        // A symbol alone at its address (aliases such as _stext and _text share one).
        const listed = lines.find(
          (l) => addressOf(l.text) && lines.filter((o) => addressOf(o.text) === addressOf(l.text)).length === 1,
        );
        if (listed) {
          const first = /^([0-9a-f]+) \(.\) (\S+)/.exec(listed.text)!;
          assert.equal(model.lineKinds[listed.line], LineKind.Sym);
          assert.equal(model.symbols.lookup(BigInt('0x' + first[1]))?.symbol.name, first[2], first[0]);
        }
        const symModule = sections(model, (c) => c === 'sym -m corpus_crash')[0];
        const bounds = outputLines(model, symModule).filter((l) => / MODULE (?:TEXT )?(?:START|END): /.test(l.text));
        for (const { text, line } of bounds) assert.equal(model.lineKinds[line], LineKind.Sym, text);
        // Without both bounds of its text there is no extent.
        if (bounds.length < 2) return;
        const mod = model.modules.find((m) => m.name === 'corpus_crash');
        assert.ok(mod, 'sym -m corpus_crash');
        // Its text symbols, and the frames bt shows in it, lie inside.
        const [start, end] = bounds.filter((b) => / MODULE (?:TEXT )?(?:START|END): /.test(b.text)).map((b) => b.line);
        const text = outputLines(model, symModule).filter((l) => l.line > start && l.line < end && / \([tT]\) /.test(l.text));
        const addresses = [
          ...text.map((l) => BigInt('0x' + addressOf(l.text)!)),
          ...plain.frames.filter((f) => f.module === 'corpus_crash').map((f) => f.address!),
        ];
        assert.ok(addresses.length > 3);
        for (const address of addresses) assert.ok(address >= mod.base && address < mod.base + BigInt(mod.size), hex(address));
      });

      it('bt -a and foreach bt: a walk starts from each backtrace (where the architecture is modelled)', function () {
        if (!model.spec) this.skip();
        const targets = startTargets(model);
        const bts = sections(model, (c) => c === 'bt -a' || c.startsWith('foreach ')).flatMap((s) => backtracesIn(model, s));
        assert.ok(bts.length >= 2);
        for (const bt of bts)
          assert.ok(
            targets.some((t) => t.line === bt.line),
            `PID ${bt.pid} at line ${bt.line + 1}`,
          );
      });

      it('foreach bt: one backtrace per task, each with its frames', () => {
        const s = sections(model, (c) => c.startsWith('foreach '))[0];
        assert.ok(s, 'a foreach section');
        const bts = backtracesIn(model, s);
        assert.ok(bts.length >= 1);
        assert.equal(new Set(bts.map((b) => b.task)).size, bts.length);
        for (const bt of bts) assert.ok(bt.frames.length > 0, `PID ${bt.pid}`);
      });
    });
  }
});

describe('bt frame shapes our dumps do not print', () => {
  it('old i386 kernels: `func (via caller)` keeps the frame, its function and the caller', () => {
    // Our i386 dump's frame #3 as a kernel with `.text.lock` sections prints it.
    const model = analyze(
      [
        'crash> bt',
        ' #3 [c2cd1d2c] handle_bug (via exc_invalid_op) at c190ae65',
        ' #4 [c2cd1d38] exc_invalid_op at c190af26',
      ].join('\n'),
    );
    const frames = model.backtraces[0].frames;
    assert.deepEqual(
      frames.map((f) => [f.level, f.function, f.via, hex(f.address), hex(f.stackAddress)]),
      [
        [3, 'handle_bug', 'exc_invalid_op', 'c190ae65', 'c2cd1d2c'],
        [4, 'exc_invalid_op', undefined, 'c190af26', 'c2cd1d38'],
      ],
    );
    // `crashlog analyze` says it too, in its JSON and its text.
    const summary = summarize(model);
    assert.equal(summary.backtraces[0].frames[0].via, 'exc_invalid_op');
    assert.match(formatSummary(summary), /#3 \[c2cd1d2c\] handle_bug \(via exc_invalid_op\) at c190ae65/);
  });

  it('a text address in a module without a symbol, `(nfsd module)`: a frame of unknown function in that module', () => {
    // crash's help page for foreach: `foreach bt` of an i386 nfsd thread.
    const model = analyze(
      [
        '    crash> foreach bt',
        '    PID: 557    TASK: c5600000  CPU: 0   COMMAND: "nfsd"',
        '     #0 [c5601f38] schedule at c01135f6',
        '        (void)',
        '     #1 [c5601f90] schedule_timeout at c01131ff',
        '        (c5600000)',
        '     #2 [c5601fb8] svc_recv at c805363a',
        '        (c0096f40, c5602800, 7fffffff, 100, c65c9f1c)',
        '     #3 [c5601fec] (nfsd module) at c806e303',
        '        (c5602800, c5602800, c0096f40, 6c6e0002, 50)',
        '     #4 [c65c9f24] kernel_thread at c010834f',
        '        (0, 0, ext2_file_inode_operations)',
      ].join('\n'),
    );
    const frames = model.backtraces[0].frames;
    assert.deepEqual(
      frames.map((f) => [f.level, f.function, f.module, hex(f.address), hex(f.stackAddress)]),
      [
        [0, 'schedule', undefined, 'c01135f6', 'c5601f38'],
        [1, 'schedule_timeout', undefined, 'c01131ff', 'c5601f90'],
        [2, 'svc_recv', undefined, 'c805363a', 'c5601fb8'],
        [3, '', 'nfsd', 'c806e303', 'c5601fec'],
        [4, 'kernel_thread', undefined, 'c010834f', 'c65c9f24'],
      ],
    );
    assert.equal(model.lineKinds[8], LineKind.BtFrame);
    assert.match(formatSummary(summarize(model)), /#3 \[0*c5601fec\] \(nfsd module\) at 0*c806e303 \[nfsd\]/);
  });
});
