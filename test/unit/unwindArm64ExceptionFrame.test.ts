// crash's arm64 kernel-mode exception frame (crash 7.x/8.x before 6.1 kernels) prints `PC: VALUE [sym+off]`
// and `LR: VALUE [sym+off]` on lines of their own, then `SP: … PSTATE: …` and the X29…X0 rows. Those
// lines start a walk: frame #0 at the pc, its caller from LR where the frame record at X29 is not in the
// transcript, then the records. Lines of a public 4.19 arm64 `bt -l` (pre-5.4 layout), unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { unwind, unwindStartFromLine } from '../../server/src/analysis/unwind';
import { diagnose } from '../../server/src/analysis/diagnostics';

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

/** The rest of that `bt -l`: the IRQ stack's frames, `--- <IRQ stack> ---`, el1_irq's and el0_da's frames. */
const BT_L_REST = [
  '    /data3/home/yuanqiliang/code/arm-kernel/fs/ext4/super.c: 1113      ',
  '#10 [ffff8003ffec1680] rcu_process_callbacks at ffff000008144134       ',
  '    /data3/home/yuanqiliang/code/arm-kernel/kernel/rcu/rcu.h: 236   ',
  '#11 [ffff8003ffec1720] __softirqentry_text_start at ffff000008081964',
  '    /data3/home/yuanqiliang/code/arm-kernel/kernel/softirq.c: 292',
  '#12 [ffff8003ffec17b0] irq_exit at ffff0000080dc420',
  '    /data3/home/yuanqiliang/code/arm-kernel/./include/linux/interrupt.h: 504',
  '#13 [ffff8003ffec17c0] __handle_domain_irq at ffff000008131a70',
  '    /data3/home/yuanqiliang/code/arm-kernel/kernel/irq/irqdesc.c: 685',
  '#14 [ffff8003ffec1800] gic_handle_irq at ffff0000080815e0',
  '    /data3/home/yuanqiliang/code/arm-kernel/./include/linux/irqdesc.h: 173',
  '--- <IRQ stack> ---',
  '#15 [ffff8001dd367b30] el1_irq at ffff00000808332c',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/kernel/entry.S: 611',
  '     PC: ffff000008acb250  [clear_page+16]',
  '     LR: ffff0000080a1cc4  [__cpu_clear_user_page+12]',
  '     SP: ffff8001dd367b40  PSTATE: 80400005',
  '    X29: ffff8001dd367b40  X28: ffff8003df6234e0  X27: 0000000000000002',
  '    X26: 0000000000000000  X25: 0000000000000000  X24: 0000000000000000',
  '    X23: ffff7e0002310000  X22: 0000000000001000  X21: 0000ffff7c600000',
  '    X20: 0000000000000000  X19: ffff800035462700  X18: 0000000000000000',
  '    X17: 0000000000000000  X16: 0000000000000000  X15: 0000000000000400',
  '    X14: 0000000000000400  X13: 00000000000003f9  X12: 0000000000000001',
  '    X11: 0000000000000001  X10: 00000000000008e0   X9: ffff8001dd367ab0',
  '     X8: ffff800035463040   X7: ffff8003ffeb17b8   X6: ffff8003e1a3f900',
  '     X5: 000000000000a7f6   X4: ffff000009809000   X3: 0000000000004600',
  '     X2: 0000000000000004   X1: 0000000000000040   X0: ffff80008c518000',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/lib/clear_page.S: 23',
  '#16 [ffff8001dd367b40] clear_page at ffff000008acb24c',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/lib/clear_page.S: 21',
  '#17 [ffff8001dd367b50] clear_subpage at ffff00000823a910',
  '    /data3/home/yuanqiliang/code/arm-kernel/./include/linux/highmem.h: 137',
  '#18 [ffff8001dd367b70] clear_huge_page at ffff0000082410bc',
  '    /data3/home/yuanqiliang/code/arm-kernel/mm/memory.c: 4679',
  '#19 [ffff8001dd367bd0] do_huge_pmd_anonymous_page at ffff00000826e964',
  '    /data3/home/yuanqiliang/code/arm-kernel/mm/huge_memory.c: 578',
  '#20 [ffff8001dd367c30] __handle_mm_fault at ffff000008240994',
  '    /data3/home/yuanqiliang/code/arm-kernel/mm/memory.c: 3942',
  '#21 [ffff8001dd367cf0] handle_mm_fault at ffff000008240c00',
  '    /data3/home/yuanqiliang/code/arm-kernel/mm/memory.c: 4212',
  '#22 [ffff8001dd367d20] do_page_fault at ffff0000080a1208',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/mm/fault.c: 399',
  '#23 [ffff8001dd367e00] do_translation_fault at ffff000008aec17c',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/mm/fault.c: 597',
  '#24 [ffff8001dd367e10] do_mem_abort at ffff000008081250',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/mm/fault.c: 728',
  '#25 [ffff8001dd367ff0] el0_da at ffff0000080839cc',
  '    /data3/home/yuanqiliang/code/arm-kernel/arch/arm64/kernel/entry.S: 724',
  '     PC: 0000ffff990e9548   LR: 0000aaaac18625f8   SP: 0000ffffe16bba40',
  '    X29: 0000ffffe16bd560  X28: 0000000000000000  X27: 0000ffff66a29318',
  '    X26: 0000000000000001  X25: 0000000000000001  X24: 0000ffff726478d0',
  '    X23: 0000ffff7c600000  X22: 0000000000200000  X21: 0000000000100000',
  '    X20: 0000ffff98e00000  X19: 0000ffff80000000  X18: 0000000000000000',
  '    X17: 0000ffff990e9450  X16: 0000aaaac190c020  X15: 0000ffff80000000',
  '    X14: 0000000000000000  X13: ff000178005d4748  X12: 0000000000000000',
  '    X11: 0000000004d00000  X10: 00000000039e8000   X9: 0aa90b643fdb4900',
  '     X8: 0aa90b643fdb4900   X7: 3133303131333230   X6: 32000000110000ff',
  '     X5: 0000ffff7c700000   X4: 0000ffff80100000   X3: 0000ffff7c600000',
  '     X2: 0000000000100000   X1: 0000ffff80000000   X0: 0000ffff7c600000',
  '    ORIG_X0: 0000ffff7c800000  SYSCALLNO: ffffffff  PSTATE: 20001000',
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

describe('unwind-disagrees: stack a walk resumed past is not read', () => {
  it('makes no claim on the frames between bt #0 and the exception frame the walk resumed at', () => {
    const model = analyze([...BT_L, ...BT_L_REST].join('\n'));
    const warnings = diagnose(model).diagnostics.filter((d) => d.code === 'unwind-disagrees');
    assert.deepEqual(
      warnings.map((d) => d.message),
      [],
    );
  });
});
