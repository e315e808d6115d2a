// `[x19,#248]`, `#224`, `0xf8(%rbx)`, ppc64 `8(r9)`, riscv64 `48(a0)`: the offset and the struct members at that offset.
import { code } from '../card';
import { hex } from '../../hex';
import { membersAt } from '../../structs';
import type { HoverFact } from '../fact';

export const operandOffset: HoverFact = {
  id: 'operand-offset',
  describe({ model, word }) {
    if (
      word.kind !== 'arm64-operand' &&
      word.kind !== 'x86-operand' &&
      word.kind !== 'ppc64-operand' &&
      word.kind !== 'riscv64-operand' &&
      word.kind !== 'immediate'
    )
      return undefined;
    let offset: number | undefined;
    let register: string | undefined;
    let m = /^\[([xw]\d{1,2}|sp)(?:,\s*#(-?(?:0x[0-9a-fA-F]+|\d+)))?\]!?$/.exec(word.text);
    if (m) {
      register = m[1];
      offset = m[2] !== undefined ? Number(m[2]) : 0;
    } else if ((m = /^(-?(?:0x[0-9a-fA-F]+|\d+)?)\(%?([a-z0-9]*),%([a-z0-9]+)(?:,(\d))?\)$/.exec(word.text))) {
      // x86's base + index × scale (`(%rax,%rbx,4)`, `0x10(,%rcx,8)`): an array's element, no member offset.
      const parts = [m[2] ? code(m[2]) : '', `${m[4] && m[4] !== '1' ? `${m[4]} × ` : ''}${code(m[3])}`, m[1] ? m[1] : ''].filter(
        (p) => p !== '',
      );
      return `**${word.text}** — address ${parts.join(' + ')}: an indexed access (an array element), not a member at a fixed offset`;
    } else if ((m = /^(-?(?:0x[0-9a-fA-F]+|\d+)?)\(%([a-z0-9]+)/.exec(word.text))) {
      // x86 `0xf8(%rbx)`; s390x `152(%r15)` (decimal displacement, base register).
      register = m[2];
      offset = m[1] === '' ? 0 : m[1].startsWith('-') ? -Number(m[1].slice(1)) : Number(m[1]);
      // Old objdump prints an i386 displacement as its 32 bits: `0xffffffd8(%ebp)` is -0x28.
      if (/^e[a-z]{2}$/.test(register) && offset >= 0x80000000 && offset <= 0xffffffff) offset -= 0x100000000;
    } else if ((m = /^(-?\d+)\((r\d{1,2})\)$/.exec(word.text))) {
      register = m[2];
      offset = Number(m[1]);
    } else if ((m = /^(-?\d+)\(([a-z][a-z0-9]*)\)$/.exec(word.text))) {
      register = m[2];
      offset = Number(m[1]);
    } else if ((m = /^[#$](-?(?:0x[0-9a-fA-F]+|\d+))$/.exec(word.text))) {
      offset = m[1].startsWith('-') ? -Number(m[1].slice(1)) : Number(m[1]);
    }
    // Past 32 bits an immediate is a value (an address, a poison: the value facts read it), and no exact number.
    if (offset === undefined || Number.isNaN(offset) || Math.abs(offset) > 0xffffffff) return undefined;
    // An immediate alone (`mov x2, #0x8ab3`, `$0x10`) is a value that may be an offset; one in brackets or before a register is one.
    const what = word.kind === 'immediate' ? 'immediate' : 'offset';
    const heading = `**${word.text}** — ${what} ${offset} (${hex(BigInt(offset))})${register ? ` from ${code(register)}` : ''}`;
    // Stack and frame offsets are not struct members.
    const stackRegisters = [...(model.spec?.registers.sp ?? []), ...(model.spec?.registers.fp ?? [])].map((r) => r.toLowerCase());
    // riscv64 `jalr 1656(ra)`: an offset from the return address is code, not a member.
    if (offset < 0 || register === 'sp' || register === 'rsp' || register === 'rbp' || register === 'x29' || register === 'ra')
      return heading;
    // An immediate 0 (`$0x0`, `#0`) is a zero far more often than a member's offset.
    if (what === 'immediate' && offset === 0) return heading;
    if (register !== undefined && stackRegisters.includes(register)) return heading;
    const candidates: string[] = [];
    for (const layout of model.structs.values()) {
      for (const hit of membersAt(layout, offset)) {
        if (hit.delta !== 0 && candidates.length > 0) continue;
        candidates.push(`${code(`${layout.name}.${hit.member.path}${hit.delta ? `+${hit.delta}` : ''}`)} (${hit.member.type})`);
        if (candidates.length >= 8) break;
      }
    }
    if (!candidates.length) return heading;
    return `${heading}\n\nStruct members at this offset (from the transcript's layouts): ${candidates.join(', ')}`;
  },
};
