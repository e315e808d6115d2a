// What part of the kernel's address space a code or image address is, by the layout's regions:
// a named return address in arm64's module area is a module's, and riscv64's kernel mapping holds
// data as well as text. Lines quoted in crash's commit messages (github.com/crash-utility/crash:
// 995db8a, an arm64 39-bit pre-5.4 kernel; d86dc69, riscv64), unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';
import { RISCV64_BT_E } from '../support/publicExcerpts';

const ARM64_39_BIT = [
  'crash> bt',
  'PID: 3607   TASK: ffffffcbf9a4da00  CPU: 2   COMMAND: "sh"',
  ' #0 [ffffffccbfd85f50] __delay at ffffff8008ceded8',
  '...',
  ' #5 [ffffffccbfd85fd0] emergency_restart at ffffff80080d49fc',
  ' #6 [ffffffccbfd86140] panic at ffffff80080af4c0',
  ' #7 [ffffffccbfd86150] nmi_panic at ffffff80080af150',
  ' #8 [ffffffccbfd86190] handle_bad_stack at ffffff800808b0b8',
  ' #9 [ffffffccbfd862d0] __bad_stack at ffffff800808285c',
  '     PC: ffffff8008082e80  [el1_sync]',
  '     LR: ffffff8000d6c214  [stack_overflow_demo+84]',
  '     SP: ffffff1a79930070  PSTATE: 204003c5',
].join('\n');

describe('hover: regions of the kernel image and modules', () => {
  it("reads a named return address in arm64's module area as module text", () => {
    const model = analyze(ARM64_39_BIT);
    assert.match(hoverOn(model, 'ffffff8000d6c214'), /^\*\*ffffff8000d6c214\*\* — module text/);
    assert.match(hoverOn(model, 'ffffff80080af4c0'), /^\*\*ffffff80080af4c0\*\* — kernel text/);
  });

  it("reads an unnamed address of riscv64's kernel mapping as the image, text or data; a named pc as text", () => {
    const model = analyze(RISCV64_BT_E.join('\n'));
    assert.match(hoverOn(model, 'ffffffff814ef848'), /— kernel image \(text or data\)/);
    assert.match(hoverOn(model, 'ffffffff805303c0'), /— kernel text/);
  });
});
