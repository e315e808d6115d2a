// crash's arm64 and riscv64 exception frames name the pc's and lr's values after them
// (`PC: ffff000008268b5c  [kmem_cache_free+252]`, `RA: … [lkdtm_do_action+16]`): the lines are the
// block's registers, the names tell where the functions start, and a pc is where execution was.
import { strict as assert } from 'assert';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { analyze } from '../../server/src/analysis/model';
import { parseRegisterLine } from '../../server/src/analysis/parse/registers';

// A 4.x arm64 bt -l (el1_ia in kmem_cache_free), as its blog post printed it, trailing blanks kept.
const ARM64 = [
  'crash> bt',
  'PID: 29060    TASK: ffff800035462700  CPU: 6    COMMAND: "IsolatedWorker"',
  ' #6 [ffff8003ffec1450] do_mem_abort at ffff000008081250',
  ' #7 [ffff8003ffec1630] el1_ia at ffff0000080830cc',
  '     PC: ffff000008268b5c  [kmem_cache_free+252]        ',
  '     LR: ffff000008383800  [ext4_i_callback+24]                       ',
  '     SP: ffff8003ffec1640  PSTATE: a0400005',
  '    X29: ffff8003ffec1640  X28: 000000000000000a  X27: ffff8003ffec1700',
  ' #8 [ffff8003ffec1640] kmem_cache_free at ffff000008268b58',
  ' #9 [ffff8003ffec1670] ext4_i_callback at ffff0000083837fc',
];

// crash's riscv64 bt -e (lkdtm EXCEPTION), its kernel-mode frame.
const RISCV64 = [
  'crash> bt -e',
  'PID: 1        TASK: ff600000000e0000  CPU: 1    COMMAND: "sh"',
  '',
  'KERNEL-MODE EXCEPTION FRAME AT: ff200000000138d8',
  '     PC: ffffffff805303c0  [lkdtm_EXCEPTION+6]',
  '     RA: ffffffff8052fe36  [lkdtm_do_action+16]',
  '     SP: ff20000000013cf0  CAUSE: 000000000000000f',
  'epc : ffffffff805303c0 ra : ffffffff8052fe36 sp : ff20000000013cf0',
  ' gp : ffffffff814ef848 tp : ff600000000e0000 t0 : 6500000000000000',
];

describe("crash's exception frames that name their pc and lr", () => {
  it('reads `PC: VALUE  [func+off]` as a register with its symbol; a tag or a note is no name', () => {
    const [pc] = parseRegisterLine('     PC: ffff000008268b5c  [kmem_cache_free+252]        ', 0)!;
    assert.deepEqual(
      [pc.name, pc.value, pc.symbol?.name, pc.symbol?.offset],
      ['PC', 0xffff000008268b5cn, 'kmem_cache_free', 252],
    );
    const [estat] = parseRegisterLine('ESTAT: 00010000 [PIL] (IS= ECode=1 EsubCode=0)', 0)!;
    assert.equal(estat.symbol, undefined);
  });

  it('arm64: the PC and LR lines are the block, the function starts where the offset says', () => {
    const model = analyze(ARM64.join('\n'));
    assert.deepEqual([model.lineKinds[4], model.lineKinds[5]], [LineKind.Registers, LineKind.Registers]);
    assert.equal(model.symbols.get('kmem_cache_free')?.base, 0xffff000008268b5cn - 252n);
    const block = model.backtraces[0].exceptionFrames[0];
    assert.ok(block.registers.some((r) => r.name === 'LR' && r.symbol?.name === 'ext4_i_callback'));
  });

  it('riscv64: PC is where execution was, RA a return address', () => {
    const model = analyze(RISCV64.join('\n'));
    assert.equal(model.arch, 'riscv64');
    const card = (line: number) => renderHover(describeAt(model, line, RISCV64[line].indexOf('ffff') + 1)!.markdown);
    assert.match(card(4), /Instruction at `lkdtm_EXCEPTION\+6`.*where execution was, not a return address/);
    assert.match(card(5), /Return address `lkdtm_do_action\+16`/);
  });
});
