// ppc64 saves CFAR, the address of the last branch taken, in pt_regs' orig_gpr3 on an interrupt other
// than a system call: crash prints it as OR3, show_regs as CFAR. An instruction's address, never a return
// address. crash's bt of a ppc64le oops (linuxppc-dev, 2025-04-21,
// lore.kernel.org/linuxppc-dev/89bfdedb74416156423d36d28c5b92e9@linux.ibm.com), unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

const BT = [
  'crash> bt',
  'PID: 465      TASK: c000000006067d80  CPU: 68   COMMAND: "kswapd0"',
  '  R0:  000000000e000000    R1:  c0000000a5a57040    R2:  c0000000017a8100',
  '  R3:  c000000d34cefd00    R4:  c00800000a1affe8    R5:  fffffffffffffffa',
  '  R6:  01ffffffffffffff    R7:  03ffffff2cb33000    R8:  0000000080000000',
  '  R9:  0000000000000010    R10: 0000000000000020    R11: 0000000000000030',
  '  R12: 0000000000000040    R13: c000000ffde34300    R14: 0000000000000050',
  '  R15: 0000000000000060    R16: 0000000000000070    R17: 5deadbeef0000122',
  '  R18: 0000000101124ad9    R19: 0000000000018028    R20: 0000000000c01400',
  '  R21: c0000000a5a574b0    R22: 0000000000010000    R23: 0000000000000051',
  '  R24: c000000002be02f8    R25: c00c000003ef7380    R26: c00800000a190000',
  '  R27: c0000001054dbbe0    R28: c00c0000034d3340    R29: 00000000000002d8',
  '  R30: fffffffffffffffa    R31: c0000001054dbbb0',
  '  NIP: c000000000175670    MSR: 8000000002009033    OR3: c0000000001756c8',
  '  CTR: 01fffffffffffc05    LR:  c0000000006d96b4    XER: 0000000020040001',
  '  CCR: 0000000044042880    MQ:  0000000000000000    DAR: c00800000a1b0000',
  '  DSISR: 0000000040000000     Syscall Result: 0000000000000000',
  '  [NIP  : memcpy_power7+1648]',
  '  [LR   : zs_obj_write+548]',
  '  #0 [c0000000a5a56c50] crash_kexec at c00000000037f268',
  '  #1 [c0000000a5a56c80] oops_end at c00000000002b678',
  '  #2 [c0000000a5a56d00] __bad_page_fault at c00000000014f348',
  '  #3 [c0000000a5a56d70] data_access_common_virt at c000000000008be0',
  '  #4 [c0000000a5a57040] memcpy_power7 at c000000000175274',
  '  #5 [c0000000a5a57140] zs_obj_write at c0000000006d96b4',
  '  #6 [c0000000a5a571b0] zram_write_page at c008000009174a50 [zram]',
  '  #7 [c0000000a5a57260] zram_bio_write at c008000009174ff4 [zram]',
  '  #8 [c0000000a5a57310] __submit_bio at c0000000009323ac',
];

describe("hover: ppc64's OR3 (CFAR)", () => {
  it('reads a text address in OR3 as the last branch taken, not a return address', () => {
    const card = hoverOn(analyze(BT.join('\n')), 'c0000000001756c8');
    assert.match(card, /Instruction at `memcpy_power7\+1736`[^\n]*: the last branch taken before the interrupt \(CFAR/);
    assert.doesNotMatch(card, /Return address/);
  });
});
