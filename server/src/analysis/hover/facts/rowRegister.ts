// A value in a register row printed without a name beside it (mips `$28   : v v v v`, s390x
// `Krnl GPRS:`, ppc64 `GPR08:`, LoongArch's colon-less `pc v ra v`): which register it is, and
// what that register is for on the transcript's architecture.
import { registerRole, registerRoles } from '../../arch/roles';
import { code } from '../card';
import type { HoverFact } from '../fact';

export const rowRegister: HoverFact = {
  id: 'row-register',
  describe({ model, line, word, value, lineText }) {
    if (value?.role !== 'word') return undefined;
    const register = model.registersWithValue(value.raw).find((r) => r.line === line && r.column === word.start);
    // `RIP: ffff…`: the name stands beside its value, where registerNote answers.
    if (
      !register ||
      new RegExp(`(?:^|\\s)${escape(register.name)}\\s*:\\s*(?:[0-9a-fA-F]{4}:)?$`).test(lineText.slice(0, word.start))
    )
      return undefined;
    const role = registerRole(registerRoles(model.spec, model.archUnmodelled), register.name);
    return `(value of register ${code(register.name)}${role ? `, ${role}` : ''})`;
  },
};

function escape(name: string): string {
  return name.replace(/[$.]/g, '\\$&');
}
