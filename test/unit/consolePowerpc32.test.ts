// 32-bit powerpc oopses (PowerMac G4): since 5.3 arch/powerpc/mm/fault.c names the fault `BUG: Unable
// to handle kernel instruction fetch` / `data access on read at …` / `BUG: Kernel NULL pointer
// dereference on read at …`. Real lines of a report on linuxppc-dev
// (lore.kernel.org/r/45033654b9663c7b7d32991249195d66f56e2f1b.camel@sguazz.it, 5.9-rc1).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { matchReportHeader } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';

const G4_INSTRUCTION_FETCH = [
  'kernel tried to execute exec-protected page (f1020000) - exploit attempt? (uid: 0)',
  'BUG: Unable to handle kernel instruction fetch',
  'Faulting instruction address: 0xf1020000',
  'Oops: Kernel access of bad area, sig: 11 [#1]',
  'BE PAGE_SIZE=4K MMU=Hash PowerMac',
  'Modules linked in: crct10dif_generic (+) crct10dif_common drm_panel_orientation_quirks',
  'CPU: 0 PID: 71 Comm: systemd-udevd Not tainted 5.9.0-rc1+ #298',
  'NIP:  f1020000 LR: c00053a4 CTR: f1020000',
  'REGS: c1c6dd50 TRAP: 0400   Not tainted  (5.9.0-rc1+)',
  'MSR:  10009032 <EE,ME,IR,DR,RI>  CR: 22222284  XER: 00000000',
  '',
  'GPR00: c0005390 c1c6de08 c1c6b400 00000000 00000cc0 00000008 ef6db038 00000001',
  'GPR08: 0000002e 00000000 00000000 00000000 22222284 00b6fb58 00000000 00000005',
  'GPR16: bff0d768 bff0d770 00000000 00000000 01032cc0 00000000 00b0b31f 01020960',
  'GPR24: 00000000 00b70954 010206c0 ef39f4a0 00000000 00a28380 f1020000 f10193a0',
  'NIP [f1020000] crct10dif_mod_init+0x0/0x60 [crct10dif_generic]',
  'LR [c00053a4] do_one_initcall+0x50/0x1f4',
  'Call Trace:',
  '[c1c6de08] [c0005390] do_one_initcall+0x3c/0x1f4 (unreliable)',
  '[c1c6de78] [c0102068] do_init_module+0x6c/0x27c',
  '[c1c6dea8] [c01053cc] sys_finit_module+0xc0/0x12c',
  '[c1c6df38] [c001c11c] ret_from_syscall+0x0/0x34',
  '--- interrupt: c01 at 0x7a7780',
  '    LR = 0xa1bf64',
  'Instruction dump:',
  'XXXXXXXX XXXXXXXX XXXXXXXX XXXXXXXX XXXXXXXX XXXXXXXX XXXXXXXX XXXXXXXX',
  'XXXXXXXX XXXXXXXX XXXXXXXX XXXXXXXX <7c0802a6> 90010004 60000000 9421fff0',
  '---[ end trace 257a4bbda691894e ]---',
];

describe('32-bit powerpc oopses', () => {
  it("reads powerpc's fault headers as paging faults", () => {
    assert.equal(matchReportHeader('BUG: Unable to handle kernel instruction fetch')?.kind, 'paging');
    assert.equal(matchReportHeader('BUG: Unable to handle kernel data access on read at 0x09fcbaf8')?.kind, 'paging');
    assert.equal(matchReportHeader('BUG: Kernel NULL pointer dereference on read at 0x00000020')?.kind, 'paging');
  });

  it('titles an instruction fetch fault as a paging request, in the function NIP names', () => {
    const reports = summarize(analyze(G4_INSTRUCTION_FETCH.join('\n'))).reports;
    assert.equal(reports.length, 1);
    const [report] = reports;
    assert.deepEqual(
      [report.kind, report.line, report.title, report.function, report.module],
      [
        'paging',
        2,
        'BUG: unable to handle kernel paging request in crct10dif_mod_init',
        'crct10dif_mod_init',
        'crct10dif_generic',
      ],
    );
    assert.deepEqual(report.alternativeTitles, ['bad-access in crct10dif_mod_init']);
  });
});
