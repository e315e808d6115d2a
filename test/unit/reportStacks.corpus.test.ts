// A console report's kernel stack pointer names its task's stack, by the architecture's rules
// (ppc64 r1 in the linear map at c000…, s390x r15 in its low address space with a kernel PSW,
// riscv64 sp in the Sv57 vmalloc area at ff20…), and its registers are an interrupted context a
// walk can resume at. Checked on the real consoles of test/corpus.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { analyze } from '../../server/src/analysis/model';
import { interruptedContexts } from '../../server/src/analysis/unwind/contexts';

const CORPUS = join(__dirname, '../corpus');
/** The stack pointer each architecture's console report prints, and its program counter. */
const ROLES: Record<string, { sp: string; pc: string }> = {
  ppc64le: { sp: 'GPR1', pc: 'NIP' },
  s390x: { sp: 'r15', pc: 'PSW.addr' },
  riscv64: { sp: 'sp', pc: 'epc' },
};

/** The consoles of a WARNING, a NULL dereference and a BUG: each prints the registers of a kernel context. */
function consoles(dir: string): { name: string; text: string }[] {
  return ['01-warning', '02-null', '03-bug'].map((crash) => {
    const name = `${dir}/${crash}.console.crashlog`;
    return { name, text: readFileSync(join(CORPUS, name), 'utf8') };
  });
}

describe('console reports: the kernel stack pointer of ppc64, s390x and riscv64 reports', () => {
  for (const [dir, roles] of Object.entries(ROLES)) {
    for (const { name, text } of consoles(dir)) {
      it(`${name}: names the task stack it points into and is a context to resume at`, () => {
        const model = analyze(text);
        const registers = model.reports.flatMap((r) => r.registers);
        const sp = registers.find((r) => r.name === roles.sp && r.value !== undefined)!;
        const pc = registers.find((r) => r.name === roles.pc && r.value !== undefined);
        assert.ok(sp, `the report prints ${roles.sp}`);
        const stack = model.stackAt(sp.value!);
        assert.ok(stack, `a stack around ${sp.value!.toString(16)}`);
        assert.equal(stack.kind, 'task');
        assert.equal(stack.base, sp.value! & ~0x3fffn, 'THREAD_SIZE (16 KiB) aligned');
        assert.ok(stack.evidence.includes(sp.line), 'from the register line');
        const column = model.line(sp.line).lastIndexOf(sp.value!.toString(16).padStart(16, '0')) + 1;
        assert.match(renderHover(describeAt(model, sp.line, column)!.markdown), /task stack/);

        const context = interruptedContexts(model).find((c) => c.sp === sp.value);
        assert.ok(context, 'the report is an interrupted context');
        assert.ok(pc, `the report prints ${roles.pc}`);
        assert.equal(context.pc, pc.value);
      });
    }
  }

  it('ppc64: the syscall entry’s user r1 (MSR PR) names no stack and is no context', () => {
    const model = analyze(readFileSync(join(CORPUS, 'ppc64le/02-null.console.crashlog'), 'utf8'));
    const r1s = model.reports.flatMap((r) => r.registers).filter((r) => r.name === 'GPR1');
    const user = r1s.find((r) => r.value! < 0xc000000000000000n);
    assert.ok(user && r1s.length === 2, 'the kernel report and the user entry frame');
    assert.equal(model.stackAt(user.value!), undefined);
    assert.ok(!interruptedContexts(model).some((c) => c.sp === user.value));
  });
});
