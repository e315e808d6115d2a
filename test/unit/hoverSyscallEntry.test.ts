// The registers a user-mode block of x86_64 saved on `syscall`: crash-x86_64/01-BUG's last exception
// frame (`entry_SYSCALL_64_after_hwframe`, CS 0033, RCX = RIP). The system call's arguments are in
// RDI, RSI, RDX, R10, R8, R9, RCX holds the user return address, RAX −ENOSYS until the call returns,
// and RIP is a user address however small.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { readShared } from '../support/corpus';
import { hoverOn } from '../support/hover';

describe('hover: a user-mode register block entered by syscall (x86_64)', () => {
  const model = analyze(readShared('corpus', 'crash-x86_64', '01-BUG.crashlog'));
  const rip = (l: string) => l.startsWith('    RIP: 000000000047b7a0');
  const rax = (l: string) => l.startsWith('    RAX: ffffffffffffffda');
  const r10 = (l: string) => l.startsWith('    R10: 00000000000001b6');

  it('RIP is user space, not a number', () => {
    assert.match(hoverOn(model, '000000000047b7a0', 0, rip), /^\*\*000000000047b7a0\*\* — user space/);
  });

  it('RCX is the user return address, not a call argument', () => {
    const text = hoverOn(model, '000000000047b7a0', 0, rax);
    assert.match(text, /value of register `RCX`, the user return address/);
    assert.doesNotMatch(text, /argument 4/);
  });

  it('R10 is the fourth argument, RAX the return value', () => {
    assert.match(hoverOn(model, '00000000000001b6', 0, r10), /value of register `R10`, argument 4 of the system call/);
    assert.match(hoverOn(model, 'ffffffffffffffda', 0, rax), /value of register `RAX`, the return value of the system call/);
  });

  it('a kernel-mode block keeps the call roles', () => {
    // Frame #4's exception frame (CS 0010): RCX is a call's fourth argument there.
    const text = hoverOn(model, 'c0000000ffffefff', 0, (l) => l.startsWith('    RAX: ffffffffc02f2620'));
    assert.match(text, /value of register `RCX`, argument 4 of a call/);
  });
});
