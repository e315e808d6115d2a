// crash's arm64 kernel-mode exception frame (crash 7.x/8.x before 6.1 kernels) prints `PC: VALUE [sym+off]`
// and `LR: VALUE [sym+off]` on lines of their own, then `SP: … PSTATE: …` and the X29…X0 rows. Those
// lines start a walk: frame #0 at the pc, its caller from LR where the frame record at X29 is not in the
// transcript, then the records. Lines of a public 4.19 arm64 `bt -l` (pre-5.4 layout), unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { unwind, unwindStartFromLine } from '../../server/src/analysis/unwind';

/** `bt -l` down to the frames after the exception frame in kmem_cache_free. */
const BT_L = [
  'crash> bt -l                                                           ',
  'PID: 29060    TASK: ffff800035462700  CPU: 6    COMMAND: "Isolated Web Co"',
  ' #0 [ffff8003ffec1290] crash_kexec at ffff000008170728                 ',
  '    /data3/home/yuanqiliang/code/arm-kernel/kernel/kexec_core.c: 977   ',
  ' #1 [ffff8003ffec12c0] die at ffff00000808d7f4                         ',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/kernel/traps.c: 202 ',
  ' #2 [ffff8003ffec1300] die_kernel_fault at ffff0000080a0fb4',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/mm/fault.c: 258     ',
  ' #3 [ffff8003ffec1330] __do_kernel_fault at ffff0000080a104c',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/mm/fault.c: 286    ',
  ' #4 [ffff8003ffec1360] do_page_fault at ffff0000080a1284  ',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/mm/fault.c: 588',
  ' #5 [ffff8003ffec1440] do_translation_fault at ffff000008aec17c      ',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/mm/fault.c: 597',
  ' #6 [ffff8003ffec1450] do_mem_abort at ffff000008081250     ',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/mm/fault.c: 728',
  ' #7 [ffff8003ffec1630] el1_ia at ffff0000080830cc         ',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/kernel/entry.S: 562',
  '     PC: ffff000008268b5c  [kmem_cache_free+252]        ',
  '     LR: ffff000008383800  [ext4_i_callback+24]                       ',
  '     SP: ffff8003ffec1640  PSTATE: a0400005                    ',
  '    X29: ffff8003ffec1640  X28: 000000000000000a  X27: ffff8003ffec1700',
  '    X26: ffff000009809810  X25: 00008003f6a05000  X24: ffff0000098096d8',
  '    X23: ffff0000094ac018  X22: ffff000009825680  X21: ffff8003dd4a9980',
  '    X20: ffff000008383800  X19: ffff8000791ac380  X18: 0000000000000000',
  '    X17: 0000000000000000  X16: 0000000000000000  X15: 0000000000000000   ',
  '    X14: 0000000000000000  X13: ffff000008c17740  X12: ffff000008c17748',
  '    X11: 0000000000000092  X10: 0000000000693e94   X9: 0000000000000004',
  '     X8: 00000003fbd70000   X7: 0000000000000018   X6: ffff000009984d20',
  '     X5: ffff000009984d20   X4: 00000000f0000000   X3: ffff7e0001e46c00',
  '     X2: ffffffffffffffff   X1: 0000000000000000   X0: 0000000000000000',
  '    /data3/home/yuanqiliang/code/arm-kernel/mm/slab.h: 229             ',
  ' #8 [ffff8003ffec1640] kmem_cache_free at ffff000008268b58             ',
  '    /data3/home/yuanqiliang/code/arm-kernel/mm/slab.h: 229             ',
  ' #9 [ffff8003ffec1670] ext4_i_callback at ffff0000083837fc             ',
];

const lineOf = (text: string) => BT_L.findIndex((l) => l.trimStart().startsWith(text));

describe("unwind: crash's arm64 exception frame starts a walk", () => {
  for (const from of ['PC:', 'LR:', 'X29:']) {
    it(`from its ${from} line: pc, then LR, then the record at X29`, () => {
      const model = analyze(BT_L.join('\n'));
      const start = unwindStartFromLine(model, lineOf(from));
      assert.ok(start, 'a start');
      assert.equal(start.fp, 0xffff8003ffec1640n);
      const result = unwind(model, start);
      assert.deepEqual(
        result.frames.map((f) => [f.function, f.pc]),
        [
          ['kmem_cache_free', 0xffff000008268b5cn],
          ['ext4_i_callback', 0xffff000008383800n],
        ],
      );
      assert.equal(result.frames[1].confidence, 'likely');
      assert.equal(result.stop.command, 'rd -x ffff8003ffec1640 2');
    });
  }
});
