// The stack picture's layout (issue 15): from model and unwinder answers to axes,
// slots, frame boxes, arrows, pt_regs, stale words, bt beside the walk and gaps.
import * as assert from 'assert';
import { analyze } from '../../server/src/analysis/model';
import {
  buildStackPicture,
  drawStackText,
  pictureStartAt,
  stackLensLines,
  stackLensLinesMostDumpedFirst,
  stackPictureAt,
  type SlotRow,
  type StackAxis,
  type StackPicture,
} from '../../server/src/analysis/stackPicture';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { archSpec } from '../../server/src/analysis/arch/registry';
import { unwind } from '../../server/src/analysis/unwind';
import { nameAt } from '../../server/src/analysis/unwind/code';
import { crashDumps, example, hasShared, REPO_ROOT, seed } from '../support/corpus';

const SEED_002_CHAIN = [
  '__const_udelay+40',
  'qcom_wdt_trigger_bite+1060',
  'restart_wdog_handler+52',
  'atomic_notifier_call_chain+104',
  'do_kernel_restart+36',
  'machine_restart+72',
  'emergency_restart+40',
  'panic+692',
  'die+656',
  'bug_handler+72',
  'brk_handler+148',
  'do_debug_exception+164',
  'el1_dbg+88',
  'el1h_64_sync_handler+60',
  'el1h_64_sync+104',
  'unmap_page_range+2268',
  'unmap_vmas+244',
];

function slotAt(axis: StackAxis, address: string): SlotRow | undefined {
  return axis.rows.find((r): r is SlotRow => r.kind === 'slot' && r.address === address);
}

function rowIndex(axis: StackAxis, address: string): number {
  return axis.rows.findIndex((r) => r.kind === 'slot' && r.address === address);
}

/** What every picture must satisfy, whatever the transcript. */
function checkShape(picture: StackPicture): void {
  let rows = 0;
  for (const axis of picture.axes) {
    rows += axis.rows.length;
    let last: bigint | undefined;
    for (const row of axis.rows) {
      const address = BigInt('0x' + (row.kind === 'slot' ? row.address : row.from));
      assert.ok(
        address >= BigInt('0x' + axis.base) && address < BigInt('0x' + axis.top),
        `row ${address.toString(16)} in its axis`,
      );
      if (last !== undefined) assert.ok(address < last, 'rows run from high to low addresses');
      last = address;
      if (row.kind === 'gap') assert.match(row.command, /^rd -x [0-9a-f]{16} \d+$/);
    }
    for (const f of axis.frames) {
      assert.ok(f.topRow <= f.bottomRow && f.bottomRow < axis.rows.length, `box #${f.level} inside the axis`);
      assert.ok(f.name.length > 0 && f.how.length > 0);
    }
    // A link points above the record it is part of (s390x keeps it at +152: above the next frame, at times).
    const linkOffset = archSpec(picture.arch)?.frames.linkOffset ?? 0n;
    for (const l of axis.links) {
      const [from, to] = [axis.rows[l.fromRow], axis.rows[l.toRow]];
      assert.ok(from.kind === 'slot' && to.kind === 'slot');
      assert.ok(
        BigInt('0x' + to.address) > BigInt('0x' + from.address) - linkOffset,
        'frame pointers link to higher addresses (upwards)',
      );
    }
    for (const m of axis.bt) assert.strictEqual(axis.rows[m.row].kind, 'slot');
  }
  assert.strictEqual(picture.rowCount, rows);
  for (const s of picture.switches) {
    assert.notStrictEqual(s.fromAxis, s.toAxis);
    assert.strictEqual(picture.axes[s.toAxis].rows[s.toRow].kind, 'slot');
  }
  // Crosses the protocol as JSON unchanged.
  assert.deepStrictEqual(JSON.parse(JSON.stringify(picture)), picture);
}

describe('stack picture: arm64 frame records (seed 002)', () => {
  const sources: [string, () => string][] = [['examples/arm64-seed002.crashlog', () => example('arm64-seed002.crashlog')]];
  if (hasShared) sources.push(['seed 002', () => seed('002')]);
  for (const [name, text] of sources) {
    it(`draws the author's chain as boxes linked by saved x29 (${name})`, () => {
      const model = analyze(text());
      const line = model.lines.findIndex((l) => /^\s*ffffffc0427f33b0:\s+ffffffc0427f33e0/.test(l));
      assert.ok(line >= 0);
      const picture = stackPictureAt(model, line)!;
      checkShape(picture);
      assert.strictEqual(picture.axes.length, 1);
      const [axis] = picture.axes;
      assert.strictEqual(axis.kind, 'task');
      assert.match(axis.label, /PID 10675/);
      assert.deepStrictEqual(
        axis.frames.map((f) => f.name),
        SEED_002_CHAIN,
      );
      assert.ok(axis.frames.every((f) => f.method === 'frame-record' || f.method === 'exception-frame'));
      // LR beside each saved FP: the record at ffffffc0427f3460 names restart_wdog_handler.
      assert.deepStrictEqual(
        [slotAt(axis, 'ffffffc0427f3460')?.role, slotAt(axis, 'ffffffc0427f3468')?.role],
        ['saved-fp', 'return'],
      );
      assert.strictEqual(slotAt(axis, 'ffffffc0427f3468')?.label, 'LR → restart_wdog_handler+52');
      // One arrow per record, from the saved x29 up to the record it points at.
      const link = axis.links.find((l) => l.fromRow === rowIndex(axis, 'ffffffc0427f33b0'));
      assert.strictEqual(link?.toRow, rowIndex(axis, 'ffffffc0427f33e0'));
      assert.strictEqual(axis.links.length, SEED_002_CHAIN.length);
      // The exception entry's pt_regs, with the record inside it that carries the interrupted pc.
      assert.strictEqual(axis.ptRegs[0]?.address, 'ffffffc0427f3780');
      assert.match(slotAt(axis, 'ffffffc0427f38b8')!.label!, /pt_regs\.stackframe: pc → unmap_page_range\+2268/);
      // The walk stops at a record the transcript lacks: that slot carries the command.
      const stop = slotAt(axis, 'ffffffc0427f3a40')!;
      assert.deepStrictEqual([stop.value, stop.stop, stop.command], [undefined, true, 'rd -x ffffffc0427f3a40 2']);
      assert.strictEqual(picture.stop.command, 'rd -x ffffffc0427f3a40 2');
      // Undumped stretches are gaps with the rd command that fills them.
      const gap = axis.rows.find((r) => r.kind === 'gap' && r.from === 'ffffffc0427f33f0');
      assert.deepStrictEqual(gap && gap.kind === 'gap' ? [gap.to, gap.command] : [], [
        'ffffffc0427f3460',
        'rd -x ffffffc0427f33f0 14',
      ]);
      // Slots lead back to their transcript lines.
      const word = slotAt(axis, 'ffffffc0427f33b8')!;
      assert.strictEqual(model.line(word.line!).slice(word.column, word.column! + 16), 'ffffffc008fb9754');
    });
  }

  it('is built once per model version: every request for the walk gets that picture', () => {
    const text = example('arm64-seed002.crashlog');
    const model = analyze(text);
    const line = model.lines.findIndex((l) => /^\s*ffffffc0427f33b0:\s+ffffffc0427f33e0/.test(l));
    const picture = stackPictureAt(model, line)!;
    assert.strictEqual(stackPictureAt(model, line), picture);
    // The next version (a new model) gets its own, equal picture.
    const next = stackPictureAt(analyze(text), line)!;
    assert.notStrictEqual(next, picture);
    assert.deepStrictEqual(next, picture);
  });

  it('draws it as ASCII with the boxes, the records and the command that goes on', () => {
    const model = analyze(example('arm64-seed002.crashlog'));
    const line = model.lines.findIndex((l) => /^\s*ffffffc0427f33b0:\s+ffffffc0427f33e0/.test(l));
    const text = drawStackText(stackPictureAt(model, line)!);
    assert.match(text, /\+-- #8 panic\+692 {2}\(frame record, certain\)/);
    assert.match(text, /ffffffc0427f3548 {2}ffffffc008fe755c +\| +LR → panic\+692/);
    assert.match(text, /to go on: crash> rd -x ffffffc0427f3a40 2/);
  });
});

describe('stack picture: x86_64 (seed 000)', () => {
  it('shows crash bt frames beyond a walk that stops, with the command that goes on', () => {
    const model = analyze(example('x86_64-seed000.crashlog'));
    const header = model.backtraces[0].line;
    const picture = stackPictureAt(model, header)!;
    checkShape(picture);
    const [axis] = picture.axes;
    assert.strictEqual(axis.bt.length, 18);
    assert.ok(axis.bt.some((m) => m.function === 'xfs_dir2_sf_put_ftype'));
    assert.strictEqual(slotAt(axis, 'ffffa269e37dbc88')?.label, 'bt #7 xfs_dir2_sf_put_ftype (beyond the walk)');
  });

  it('from the hand-made bt -f, finds the pt_regs and marks where bt and the walk part', () => {
    const model = analyze(example('x86_64-seed000.crashlog'));
    const line = model.lines.findIndex(
      (l) => /^ffffa269e37dbcc0:/.test(l.trim()) || /ffffa269e37dbcc0: ffffffffffffffff/.test(l),
    );
    assert.ok(line >= 0);
    const picture = buildStackPicture(model, { sp: 0xffffa269e37dbc48n, pc: 0xffffffffb8e0108en, arch: 'x86_64', line });
    checkShape(picture);
    const [axis] = picture.axes;
    const regs = axis.ptRegs.find((p) => p.address === 'ffffa269e37dbc48');
    assert.ok(regs, `pt_regs at ffffa269e37dbc48 in ${axis.ptRegs.map((p) => p.address).join(', ')}`);
    assert.deepStrictEqual(
      regs.registers.filter((r) => r.name === 'ip' || r.name === 'sp').map((r) => r.value),
      ['ffffffffb8687f8b', 'ffffa269e37dbcf8'],
    );
    const names = axis.frames.map((f) => f.name);
    assert.ok(names.includes('__kmalloc+171') && names.includes('kmem_alloc+83'), names.join(', '));
    assert.ok(picture.firstDifference, 'the first difference from bt is named');
  });
});

describe('stack picture: corpus dumps', () => {
  const x86 = crashDumps('x86_64');
  const arm64 = crashDumps('arm64');
  if (x86.length + arm64.length === 0) it.skip('../shared/corpus is not there');

  for (const dump of x86.filter((d) => d.name.includes('SOFTLOCKUP'))) {
    it(`${dump.name}: two axes, the IRQ stack jumping to the task stack, stale words greyed`, () => {
      const model = analyze(dump.transcript + '\n' + dump.console);
      const picture = stackPictureAt(model, model.backtraces[0].line)!;
      checkShape(picture);
      assert.deepStrictEqual(
        picture.axes.map((a) => a.kind),
        ['irq', 'task'],
      );
      assert.match(picture.axes[1].label, /PID 105 "sh"/);
      // The top word of the IRQ stack holds the interrupted sp: the jump between the axes.
      const [jump] = picture.switches;
      assert.deepStrictEqual([jump.fromAxis, jump.toAxis], [0, 1]);
      assert.strictEqual((picture.axes[0].rows[jump.fromRow] as SlotRow).address, 'ffffd4e4c0003ff8');
      assert.strictEqual((picture.axes[1].rows[jump.toRow] as SlotRow).address, 'ffffd4e4c051bbc0');
      const task = picture.axes[1];
      const names = task.frames.map((f) => f.name);
      for (const fn of ['lkdtm_SOFTLOCKUP+14', 'direct_entry.cold+24', 'vfs_write+199', 'do_syscall_64+93'])
        assert.ok(names.includes(fn), `${fn} in ${names.join(', ')}`);
      // The interrupted registers as their own box.
      const regs = task.ptRegs.find((p) => p.address === 'ffffd4e4c051bbd8');
      assert.ok(regs?.registers.some((r) => r.name === 'ip' && r.value === 'ffffffffc02a84de'));
      // crash's frames after do_syscall_64 are stale return addresses (the console's `?` lines).
      for (const address of ['ffffd4e4c051bdd8', 'ffffd4e4c051bea8', 'ffffd4e4c051bee0', 'ffffd4e4c051bf28']) {
        const slot = slotAt(task, address)!;
        assert.strictEqual(slot.role, 'stale', address);
        assert.match(slot.label!, /console \? frame/);
      }
      // A word `bt -F` names after a data symbol is named, not taken for a stale return address.
      const data = slotAt(task, 'ffffd4e4c051bbf0')!;
      assert.deepStrictEqual([data.role, data.label], ['word', 'crashtypes+192']);
      // bt beside the walk, with the first place they part marked once.
      assert.ok(task.bt.some((m) => m.function === 'handle_mm_fault' && !m.agrees));
      const firsts = picture.axes.flatMap((a) => [...a.frames.filter((f) => f.bt?.first), ...a.bt.filter((m) => m.first)]);
      assert.strictEqual(firsts.length, 1);
      assert.ok(picture.firstDifference);
      const text = drawStackText(picture);
      assert.match(text, /==> stack switch \(interrupted sp ffffd4e4c051bbc0\): continues on the task stack/);
    });
  }

  for (const dump of [...x86, ...arm64]) {
    it(`${dump.name}: a well-formed picture from every bt header and start line, agreeing with crash`, () => {
      const model = analyze(dump.transcript);
      for (const bt of model.backtraces) {
        const picture = stackPictureAt(model, bt.line);
        if (!picture) continue;
        checkShape(picture);
      }
      const first = stackPictureAt(model, model.backtraces[0].line)!;
      const truth = dump.truth.frames.filter((f) => f.stack_address ?? f.fp).map((f) => f.function);
      const drawn = new Set(first.axes.flatMap((a) => a.frames.map((f) => f.name.replace(/\+\d+$/, ''))));
      const agreeing = truth.filter((fn) => drawn.has(fn));
      assert.ok(agreeing.length >= Math.min(5, truth.length), `crash's frames drawn: ${agreeing.join(', ')}`);
    });
  }
});

describe('stack picture: which stacks the server makes ready first', () => {
  const dumpedRows = (picture: StackPicture) =>
    picture.axes.reduce((n, a) => n + a.rows.filter((r) => r.kind === 'slot' && r.value !== undefined).length, 0);

  it('two riscv64 sessions in one transcript: the lenses on the stack with more dumped words first, each in transcript order', () => {
    const read = (name: string) => readFileSync(path.join(REPO_ROOT, 'test', 'corpus', 'riscv64', name), 'utf8');
    const smaller = read('04-sysrq.crashlog');
    const model = analyze(smaller + read('01-warning.crashlog'));
    const secondFrom = smaller.split('\n').length - 1;
    const lines = stackLensLines(model);
    const first = lines.filter((l) => l < secondFrom);
    const second = lines.filter((l) => l >= secondFrom);
    assert.ok(first.length > 0 && second.length > 0, `${first.length} and ${second.length} lenses`);
    assert.deepStrictEqual(stackLensLinesMostDumpedFirst(model), [...second, ...first]);
    assert.ok(dumpedRows(stackPictureAt(model, second[0])!) > dumpedRows(stackPictureAt(model, first[0])!));
  });

  for (const dump of crashDumps('x86_64').filter((d) => d.name.includes('03-WARNING'))) {
    it(`${dump.name}: swapper's bt, on a stack with no dumped word, comes after the task's on its dumped stack`, () => {
      const model = analyze(dump.transcript);
      const swapper = model.backtraces.find((bt) => /COMMAND: "swapper\/0"/.test(model.line(bt.line)))!.line;
      const lines = stackLensLines(model);
      assert.ok(lines.indexOf(swapper) < lines.length - 1, 'a lens after it in the transcript');
      const ordered = stackLensLinesMostDumpedFirst(model);
      assert.deepStrictEqual(ordered, [...lines.filter((l) => l !== swapper), swapper]);
      assert.strictEqual(dumpedRows(stackPictureAt(model, swapper)!), 0);
    });
  }
});

describe('stack picture: every modelled architecture of the repository corpus (test/corpus)', () => {
  const root = path.join(REPO_ROOT, 'test', 'corpus');
  for (const dir of readdirSync(root)) {
    for (const name of readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.truth.json'))) {
      const dump = name.replace('.truth.json', '');
      it(`${dir}/${dump}: a well-formed picture from its first bt, with crash's frames and the spec's records`, function () {
        const model = analyze(readFileSync(path.join(root, dir, `${dump}.crashlog`), 'utf8'));
        // Architectures land one by one: one not in the registry yet has no unwinder to draw from.
        if (!archSpec(model.arch) || model.backtraces.length === 0) this.skip();
        const picture = stackPictureAt(model, model.backtraces[0].line);
        assert.ok(picture, 'a picture');
        checkShape(picture);
        // Every link arrow leaves a saved frame-pointer / back-chain slot.
        for (const axis of picture.axes)
          for (const link of axis.links) assert.strictEqual((axis.rows[link.fromRow] as SlotRow).role, 'saved-fp');
        const truth = (
          JSON.parse(readFileSync(path.join(root, dir, name), 'utf8')) as { frames: { function: string }[] }
        ).frames.map((f) => f.function);
        const drawn = new Set(picture.axes.flatMap((a) => a.frames.map((f) => f.name.replace(/\+\d+$/, ''))));
        const agreeing = truth.filter((fn) => drawn.has(fn));
        assert.ok(agreeing.length >= Math.min(5, truth.length), `crash's frames drawn: ${agreeing.join(', ')}`);
      });
    }
    for (const name of readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.crashlog'))) {
      it(`${dir}/${name}: every exception the walk crosses is a pt_regs box with the spec's registers`, function () {
        const model = analyze(readFileSync(path.join(root, dir, name), 'utf8'));
        const layout = archSpec(model.arch)?.exceptionFrame;
        const start = model.backtraces.length > 0 ? pictureStartAt(model, model.backtraces[0].line) : undefined;
        const crossed = start ? unwind(model, start).frames.filter((f) => f.method === 'exception-frame') : [];
        if (!layout || !start || crossed.length === 0) this.skip();
        const picture = stackPictureAt(model, model.backtraces[0].line)!;
        const boxes = picture.axes.flatMap((a) => a.ptRegs.map((box) => ({ axis: a, box })));
        assert.strictEqual(boxes.length, crossed.length, 'one box per exception the walk crosses');
        const pcField = PC_FIELD[model.arch]!;
        for (const { axis, box } of boxes) {
          // Where the walker read them (its note names the address where it gives one).
          const noted = crossed.flatMap((f) => f.notes).map((n) => /pt_regs at ([0-9a-f]{16})/.exec(n)?.[1]);
          if (noted.some(Boolean)) assert.ok(noted.includes(box.address), `${box.address} in ${noted.join(', ')}`);
          const names = box.registers.map((r) => r.name);
          for (const n of names) assert.ok(n.replace(/\[0\]$/, '') in layout.offsets, `${n} is a field of the spec's pt_regs`);
          assert.ok(names.includes(pcField), `${pcField} in ${names.join(', ')}`);
          // The saved pc names the interrupted function: the exception frame's box.
          const pc = BigInt('0x' + box.registers.find((r) => r.name === pcField)!.value);
          const fn = nameAt(model, pc)?.function;
          assert.ok(fn && crossed.some((f) => f.function === fn), `${fn} is the function the exception interrupted`);
          // Its slots say which field they hold.
          const at = BigInt('0x' + box.address) + BigInt(layout.offsets[pcField]);
          const slot = slotAt(axis, at.toString(16).padStart(16, '0'));
          assert.ok(slot && (slot.role !== 'pt-regs' || slot.label === `pt_regs.${pcField}`), 'the saved pc slot');
          assert.ok(axis.rows.slice(box.topRow, box.bottomRow + 1).some((r) => r.kind === 'slot' && r.role === 'pt-regs'));
        }
      });
    }
  }
});

/** The pt_regs field holding the interrupted pc, per architecture. */
const PC_FIELD: Partial<Record<string, string>> = {
  x86_64: 'ip',
  arm64: 'pc',
  ppc64: 'nip',
  s390x: 'psw_addr',
  riscv64: 'epc',
};
