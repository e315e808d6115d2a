// Where a transcript names its machine: crash's start-up banner and `sys` (`MACHINE:` and the
// `RELEASE:` line), the kernel's own banner (`Linux version 2.6.32-119.el6.i686 (…)`, at boot or in
// `rd -a linux_banner`) and the kernel release an oops prints on its CPU line (`Not tainted
// 5.14.0-70.el9.<machine> #1`, `Tainted: G        W  6.1.0-13-<machine> #1 Debian …`).
// Distribution kernels end their release in the machine (Fedora, RHEL and SUSE after a dot,
// Debian after a dash, with a flavour such as `-pae` after it); others (`5.15.0-91-generic`) say nothing.
import { isMachineName } from '../arch/detect';

const MACHINE_LINE = /^\s*MACHINE: (\S+)/;
// lockdep's and other debug reports print the release first (print_kernel_ident: `6.1.0-….fc38.<machine> #1 Not tainted`).
const RELEASE =
  /(?:^\s*RELEASE: |Not tainted |Tainted: [A-Z -]*? ?|Linux version |^\s*(?=\d+\.\d+\S* #\S+ (?:Not tainted|Tainted)))(\d+\.\d+\S*)/;

/** The machine a line names, as it names it, or undefined. */
export function machineNamed(text: string): string | undefined {
  // The cheap test before the regexes: a taint, `MACHINE:`, `RELEASE:`.
  if (!text.includes('ainted') && !text.includes('MACHINE: ') && !text.includes('RELEASE: ') && !text.includes('Linux version '))
    return undefined;
  const machine = MACHINE_LINE.exec(text);
  if (machine) return machine[1];
  const release = RELEASE.exec(text);
  // The release's last part that names a machine (of `5.14.0-570.el9_6.<machine>`, of `6.1.0-13-<machine>-pae`).
  return release ? release[1].split(/[.+-]/).reverse().find(isMachineName) : undefined;
}

// crash's banner and `sys`: `        TASK: ff60000002269600  [THREAD_INFO: ff60000002269600]`, the panic task.
const SYS_TASK_LINE = /^\s*TASK: ([0-9a-f]{8,16})(?:\s+\[THREAD_INFO: [0-9a-f]+\])?\s*$/;

/** The task_struct address of a `sys` block's `TASK:` line, or undefined. */
export function sysTaskNamed(text: string): bigint | undefined {
  const m = SYS_TASK_LINE.exec(text);
  return m ? BigInt('0x' + m[1]) : undefined;
}
