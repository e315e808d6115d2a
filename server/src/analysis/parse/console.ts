// Kernel console text: timestamps, report headers, call-trace frames.
import type { ReportKind } from '../types';

// `[498349.159738] `, `[  897.203644][ T1083] `, `<4>[ 12.3] `, `[   12.345678][    C0] `.
const TIMESTAMP = /^\s*(?:<\d+>)?\[\s*\d+\.\d+\](?:\[\s*[TC]\s*\d+\])?\s?/;

/** Length of the console prefix (timestamp, caller id) or 0. */
export function consolePrefixLength(text: string): number {
  const c = text.charCodeAt(0);
  if (c !== 91 && c !== 60 && c !== 32) return 0;
  const m = TIMESTAMP.exec(text);
  return m ? m[0].length : 0;
}

interface HeaderRule {
  pattern: RegExp;
  kind: ReportKind;
  /** A header that continues the report just opened (`Oops:` after `BUG: unable to handle`). */
  secondary?: boolean;
}

const HEADERS: HeaderRule[] = [
  { pattern: /^BUG: KASAN: /, kind: 'kasan' },
  { pattern: /^BUG: KMSAN: /, kind: 'kmsan' },
  { pattern: /^BUG: KCSAN: /, kind: 'kcsan' },
  { pattern: /^BUG: KFENCE: /, kind: 'kasan' },
  { pattern: /^(?:UBSAN|BUG: UBSAN): /, kind: 'ubsan' },
  { pattern: /^BUG: memory leak/, kind: 'memory-leak' },
  { pattern: /^(?:BUG: )?unable to handle (?:kernel )?(?:paging request|NULL pointer dereference|page fault)/i, kind: 'paging' },
  { pattern: /^Unable to handle kernel /, kind: 'paging' },
  { pattern: /^(?:watchdog: )?BUG: soft lockup/, kind: 'soft-lockup' },
  { pattern: /^(?:watchdog: )?(?:BUG|Watchdog detected) hard LOCKUP/i, kind: 'soft-lockup' },
  { pattern: /^BUG: workqueue lockup/, kind: 'soft-lockup' },
  { pattern: /^(?:rcu: )?INFO: rcu_\w+ (?:self-)?detected stall|^(?:rcu: )?INFO: rcu_\w+ detected expedited stalls/, kind: 'rcu-stall' },
  { pattern: /^INFO: task .* blocked for more than/, kind: 'hung-task' },
  { pattern: /^kernel BUG at /, kind: 'bug' },
  { pattern: /^BUG: /, kind: 'bug' },
  { pattern: /^WARNING: (?:possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|lock held when returning|bad unlock balance|held lock freed|nested lock|possible irq lock inversion|HARDIRQ-safe|SOFTIRQ-safe|still has locks held|lock held|locking)/i, kind: 'lockdep' },
  { pattern: /^WARNING: /, kind: 'warning' },
  { pattern: /^INFO: /, kind: 'other' },
  { pattern: /^general protection fault/, kind: 'gpf', secondary: true },
  { pattern: /^(?:divide error|invalid opcode|stack segment|double fault|kernel stack overflow|int3|alignment check|segment not present|invalid TSS|overflow|bounds|coprocessor segment overrun|spurious interrupt bug|x87 floating point exception|SIMD exception|machine check): ?/, kind: 'oops', secondary: true },
  { pattern: /^Oops(?: - |: |\[)/, kind: 'oops', secondary: true },
  { pattern: /^Internal error: /, kind: 'oops', secondary: true },
  { pattern: /^Kernel panic - not syncing/, kind: 'panic' },
  { pattern: /^SError Interrupt on CPU/, kind: 'oops' },
  { pattern: /^list_(?:add|del) corruption/, kind: 'bug' },
  { pattern: /^Bad page (?:state|map)/, kind: 'bug' },
  { pattern: /^unreferenced object 0x/, kind: 'memory-leak' },
  { pattern: /^(?:=+\s*)?BUG \S+ \(.*\): /, kind: 'bug' },
];

export interface HeaderMatch {
  kind: ReportKind;
  secondary: boolean;
}

export function matchReportHeader(body: string): HeaderMatch | undefined {
  const c = body.charCodeAt(0);
  // Cheap first-letter gate: every header starts with one of these.
  if (!(c === 66 || c === 87 || c === 73 || c === 103 || c === 100 || c === 105 || c === 115 || c === 107 ||
        c === 79 || c === 75 || c === 85 || c === 117 || c === 83 || c === 108 || c === 119 || c === 114 ||
        c === 97 || c === 109 || c === 98 || c === 99 || c === 111 || c === 120 || c === 61 || c === 77)) return undefined;
  for (const rule of HEADERS) {
    if (rule.pattern.test(body)) return { kind: rule.kind, secondary: rule.secondary === true };
  }
  return undefined;
}

/** The function a header line names: `... at file:line func+0x../0x..`, `... in func+0x..`, `... in func`. */
export function headerFunction(body: string): string | undefined {
  let m = / at \S+:\d+ ([A-Za-z_.$][\w.$]*)\+0x[0-9a-f]+\/0x[0-9a-f]+/.exec(body);
  if (m) return m[1];
  m = / in ([A-Za-z_.$][\w.$]*)(?:\+0x[0-9a-f]+(?:\/0x[0-9a-f]+)?)?(?:\s|$)/.exec(body);
  if (m && !m[1].includes('.c') && !m[1].includes('/')) return m[1];
  m = /(?:^|\s)([A-Za-z_.$][\w.$]*)\+0x[0-9a-f]+\/0x[0-9a-f]+/.exec(body);
  return m?.[1];
}

// ` ? func+0x158/0x188 [module]`, ` [<ffffffff81234567>] func+0x10/0x20`, `  func+0x1/0x2 file.c:12`,
// ` __dump_stack lib/dump_stack.c:77 [inline]`, ` 0xffffffff8248caf3 : func+0xd3/0x150 [kernel] (inexact)`.
const FRAME = /^\s*(\? )?(?:\[<([0-9a-fA-F]{8,16})>\]\s+)?(\? )?([A-Za-z_.$][\w.$]*)\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+)(?: \[([\w-]+)\])?(?: \(([\w/.-]+:\d+)\))?(?: ([\w/.+-]+:\d+(?::\d+)?))?( \[inline\])?\s*$/;
const INLINE_FRAME = /^\s*(\? )?([A-Za-z_.$][\w.$]*) ([\w/.+-]+:\d+(?::\d+)?) \[inline\]\s*$/;
const PROBE_FRAME = /^\s*0x([0-9a-fA-F]{8,16}) : ([A-Za-z_.$][\w.$]*)\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+) \[([\w-]+)\]( \(inexact\))?\s*$/;
const PROBE_ADDRESS_ONLY = /^\s*0x([0-9a-fA-F]{8,16}) \(inexact\)\s*$/;
// Old arm64/x86 form: `[<ffff000008084dd4>] dump_backtrace+0x0/0x1a8` is covered by FRAME; pc-only form:
const ADDRESS_ONLY_FRAME = /^\s*(\? )?\[<([0-9a-fA-F]{8,16})>\]\s+0x[0-9a-fA-F]+\s*$/;

export interface ConsoleFrameLine {
  function: string;
  offset?: number;
  size?: number;
  module?: string;
  address?: string;
  unreliable: boolean;
  inlined: boolean;
  source?: string;
  /** Column of the function name in the body. */
  column: number;
  probe: boolean;
}

export function parseConsoleFrame(body: string): ConsoleFrameLine | undefined {
  if (body.indexOf('+0x') >= 0) {
    let m = FRAME.exec(body);
    if (m) {
      const module = m[7] === 'kernel' ? undefined : m[7];
      return {
        function: m[4], offset: parseInt(m[5], 16), size: parseInt(m[6], 16), module,
        address: m[2], unreliable: Boolean(m[1] || m[3]), inlined: Boolean(m[10]),
        source: m[9] ?? m[8], column: body.indexOf(m[4], m[2] ? body.indexOf(']') : 0), probe: false,
      };
    }
    m = PROBE_FRAME.exec(body);
    if (m) {
      return {
        function: m[2], offset: parseInt(m[3], 16), size: parseInt(m[4], 16),
        module: m[5] === 'kernel' ? undefined : m[5], address: m[1], unreliable: Boolean(m[6]),
        inlined: false, column: body.indexOf(m[2], body.indexOf(' : ')), probe: true,
      };
    }
    return undefined;
  }
  if (body.indexOf('[inline]') >= 0) {
    const m = INLINE_FRAME.exec(body);
    if (m) return { function: m[2], unreliable: Boolean(m[1]), inlined: true, source: m[3], column: body.indexOf(m[2]), probe: false };
  }
  if (body.indexOf('(inexact)') >= 0) {
    const m = PROBE_ADDRESS_ONLY.exec(body);
    if (m) return { function: '', address: m[1], unreliable: true, inlined: false, column: body.indexOf('0x'), probe: true };
  }
  if (body.indexOf('[<') >= 0) {
    const m = ADDRESS_ONLY_FRAME.exec(body);
    if (m) return { function: '', address: m[2], unreliable: Boolean(m[1]), inlined: false, column: body.indexOf('[<'), probe: false };
  }
  return undefined;
}

const CONTEXT_MARKER = /^\s*<\/?(IRQ|NMI|TASK|SOFTIRQ|EOI|#DF|#MC|DB|MCE)>\s*$/;

/** `<IRQ>` → `IRQ`, `</IRQ>` → `/IRQ`. */
export function parseContextMarker(body: string): string | undefined {
  const m = CONTEXT_MARKER.exec(body);
  if (!m) return undefined;
  return body.includes('</') ? '/' + m[1] : m[1];
}

export function isCallTraceMarker(body: string): boolean {
  return /^\s*(?:Call [Tt]race|Backtrace|Exception stack\(.*\)|stack backtrace):?\s*$/.test(body);
}

export function isEndTrace(body: string): boolean {
  return body.startsWith('---[ end ');
}

/** Console lines that belong to a report without being frames or registers. */
const REPORT_DETAIL = /^(?:CPU: \d+|Hardware name:|Modules linked in:|Code: |Tainted:|pstate: |Workqueue: |RIP: |Comm: |Kernel Offset:|CPU features:|Memory Limit:|#PF: |PGD |P4D |PUD |PMD |PTE |Mem abort info:|Data abort info:|  (?:ESR|EC|SET|FnV|EA|S1PTW|FSC|ISV|ISS|SAS|SSE|SRT|SF|AR|CM|WnR|TnD|TagAccess|GCS|Xs) |user pgtable:|swapper pgtable:|\[[0-9a-f]+\] pgd=|---\[ end |------------\[ cut here \]|Dumping ftrace buffer|\s+\(ftrace buffer empty\)|Call trace:|Call Trace:|Stack:|Freed by task|Allocated by task|Last potentially related work|Second to last potentially|The buggy address|Memory state around|The address belongs|\s*[>]?[0-9a-f]{16}: [0-9a-f]{2}|irq event stamp:|hardirqs last|softirqs last|other info that might help|Possible unsafe locking|\s*CPU\d*\s+CPU\d*|\s*----\s+----|\s*lock\(|\s*\*\*\* DEADLOCK|\d+ locks? held by|\s*#\d+: |stack backtrace:|Showing all locks held|NMI backtrace for cpu|Sending NMI from CPU|rcu: |Read of size|Write of size|page:|flags: |raw: |page dumped because|page_owner|Kernel panic|Rebooting in|Shutting down cpus|Bye!|Starting crashdump kernel)/;

export function isReportDetail(body: string): boolean {
  return REPORT_DETAIL.test(body);
}
