// Console lines hard-wrapped at 72–80 columns when pasted into a mail or a ticket: a frame cut
// inside its `+0x../0x..`, or a register line cut inside a value, goes on at the start of the
// next line, which has no console prefix. Only those unambiguous cuts are joined.
import type { Register } from '../../types';

/** Lengths a hard-wrapped line can have: wrapped at 72–80 columns, perhaps after a quote marker. */
const MIN_WRAPPED = 56;
const MAX_WRAPPED = 82;

// A frame line that stops inside its offset or size: ` ? entry_SYSCALL_64_after_hwframe+0x`.
const CUT_FRAME =
  /^\s*(?:<\/?[A-Z#]+>\s+)?(?:\? )?(?:\[<[0-9a-fA-F]+>\]\s+)?(?:\? )?[A-Za-z_.$][\w.$]*\+(?:0x[0-9a-fA-F]*)?(?:\/(?:0x[0-9a-fA-F]*)?)?$/;
// 32-bit arm's frame cut after its caller's address (`[<c018863c>] (rcu_process_callbacks) from [<c0102c28>]`),
// the caller's name on the next line (`(__do_softirq+0x260/0x3dc)`).
const CUT_ARM_FRAME =
  /^\s*\[<[0-9a-fA-F]+>\] \([A-Za-z_.$][\w.$]*(?:\+0x[0-9a-fA-F]+\/0x[0-9a-fA-F]+)?(?: \[[\w-]+\])?\) from \[<[0-9a-fA-F]+>\]\s*$/;
// What the next line starts with when it goes on with a cut value: the rest of the hex digits.
const HEX_RUN = /^[0-9a-fA-F]+(?=\s|$)/;

/** How a console line looks cut at the wrap column (`taken`: the next line was read with it already). */
export type Cut = 'frame' | 'register' | 'taken';

// A frame line that ends in its size, and the next line's rest of the size (and module).
const FRAME_ENDING_IN_SIZE = /\+0x[0-9a-fA-F]+\/0x[0-9a-fA-F]+$/;
const SIZE_REST = /^[0-9a-fA-F]+(?:\s+\[[\w-]+\])?$/;

/**
 * A frame line cut inside its size looks whole (`func+0x2c0/0x2c`); the next line, without a
 * console prefix, holds nothing but the rest of the size (`0`, `0 [module]`). The joined text,
 * or undefined when the lines are not such a pair.
 */
export function sizeContinued(text: string, next: string): string | undefined {
  if (text.length < MIN_WRAPPED || text.length > MAX_WRAPPED || !FRAME_ENDING_IN_SIZE.test(text)) return undefined;
  const rest = next.trim();
  if (!SIZE_REST.test(rest) || /^\s*\[/.test(next)) return undefined;
  return text + rest;
}

// A WARN header a mailer wrapped after its site (`WARNING: CPU: 10 PID: 6210 at
// drivers/vfio/vfio_iommu_type1.c:1204`, old kernels `WARNING: at kernel/watchdog.c:224`): the
// function it names (`%pS`, always printed) begins the next line, without a console prefix
// (`vfio_remove_dma+0xda/0xf0 [vfio_iommu_type1]`, old kernels with `()` after it). A mailer may
// cut after the `at` as well, the site then on a line of its own or before the function.
const WARN_AT = /^WARNING: (?:CPU: \d+ PID: \d+ )?at(?<site> [\w./+-]+:\d+)?\s*$/;
const SITE = String.raw`[\w./+-]+:\d+`;
const FUNCTION = String.raw`[A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+\/0x[0-9a-fA-F]+(?: \[[\w-]+\])?(?:\(\))?`;
const FUNCTION_REST = new RegExp(String.raw`^\s*${FUNCTION}\s*$`);
const SITE_REST = new RegExp(String.raw`^\s*${SITE}\s*$`);
const SITE_AND_FUNCTION_REST = new RegExp(String.raw`^\s*${SITE} +${FUNCTION}\s*$`);

// A KASAN or KFENCE header a mailer wrapped after its `in` (`BUG: KASAN: use-after-free in`), the function
// on the next line (`tfw_http_msg_process_generic+0x7bc/0xc50 [tempesta_fw]`).
const SANITIZER_CUT_AFTER_IN = /^BUG: K(?:ASAN|FENCE): [\w -]+ in\s*$/;

// x86's general protection fault header a mailer wrapped before its address (`general protection fault,
// probably for non-canonical address`), the address and error code on the next line (`0xdffffc…: 0000 [#1] …`).
const GPF_CUT = /^(?:Oops: )?general protection fault, probably for non-canonical address\s*$/;
const GPF_REST = /^\s*0x[0-9a-f]+: [0-9a-f]{4}\b/;

/** A header joined with the lines it was wrapped onto (`taken`: how many). */
export interface JoinedSite {
  text: string;
  taken: 1 | 2;
}

/**
 * A WARN header's body joined with the next lines, when a mailer wrapped it after its site or
 * after its `at`, a KASAN/KFENCE header wrapped after its `in`, or a general protection fault's
 * before its address (`lineAfter(1)`, `lineAfter(2)`: the lines after it, undefined past the end); else undefined.
 */
export function siteContinued(header: string, lineAfter: (ahead: 1 | 2) => string | undefined): JoinedSite | undefined {
  const joined = (...parts: string[]) => [header.trimEnd(), ...parts.map((part) => part.trim())].join(' ');
  if (GPF_CUT.test(header)) {
    const rest = lineAfter(1);
    return rest !== undefined && GPF_REST.test(rest) ? { text: joined(rest), taken: 1 } : undefined;
  }
  const cut = WARN_AT.exec(header);
  if (!cut && !SANITIZER_CUT_AFTER_IN.test(header)) return undefined;
  const next = lineAfter(1);
  if (next === undefined) return undefined;
  // After a site or an `in`, the function alone goes on.
  if (!cut || cut.groups?.site !== undefined) return FUNCTION_REST.test(next) ? { text: joined(next), taken: 1 } : undefined;
  if (SITE_AND_FUNCTION_REST.test(next)) return { text: joined(next), taken: 1 };
  if (!SITE_REST.test(next)) return undefined;
  const after = lineAfter(2);
  return after !== undefined && FUNCTION_REST.test(after) ? { text: joined(next, after), taken: 2 } : undefined;
}

// An x86 RIP line a mailer wrapped after its addresses (3.x: `RIP: 0010:[<ffffffff81048ecf>]
// [<ffffffff81048ecf>]`), its function alone on the next line (`__do_page_fault+0x1f/0x540`).
const SITE_CUT_AFTER_ADDRESS = /^\s*[RE]?IP: (?:[0-9a-f]{4}:)?(?:\[<[0-9a-fA-F]+>\]\s*){1,2}$/;

/** A fault-site line joined with its function from the next line, when a mailer wrapped it after its addresses. */
export function siteAddressContinued(text: string, next: string | undefined): string | undefined {
  if (next === undefined || !SITE_CUT_AFTER_ADDRESS.test(text) || !FUNCTION_REST.test(next)) return undefined;
  return `${text.trimEnd()} ${next.trim()}`;
}

// A decode_stacktrace.sh frame whose source locations a terminal or a tracker wrapped, whatever its
// width: its parenthesis open, the line ending inside a path (`__schedule (/home/…/core.c:5404
// /home/…/sd-fuse_rk3528/`); the next line, without a console prefix, closes it.
const DECODED_FRAME_CUT = /^\s*(?:\? )?[A-Za-z_.$][\w.$]* \((?:[\w/.+-]+:[0-9?]+(?::\d+)? )*[\w/.+-]*$/;

/** Whether a console line's body is a decoded frame cut inside its source locations. */
export function cutInsideLocations(body: string): boolean {
  return body.endsWith('/') || body.endsWith(' ') ? DECODED_FRAME_CUT.test(body) : false;
}

/** Whether a line is as long as a hard-wrapped one (the cheap test before the others). */
export function mayBeWrapped(text: string): boolean {
  return text.length >= MIN_WRAPPED && text.length <= MAX_WRAPPED;
}

/** Whether a console line (its full text and body) stops where a wrap would cut it. */
export function cutAt(text: string, body: string, registers: readonly Register[] | undefined): Cut | undefined {
  if (text.length < MIN_WRAPPED || text.length > MAX_WRAPPED) return undefined;
  if (registers === undefined) return CUT_FRAME.test(body) || CUT_ARM_FRAME.test(body) ? 'frame' : undefined;
  // A register line whose last value is shorter than the others stops inside it.
  const last = registers[registers.length - 1];
  if (registers.length < 2 || last.value === undefined) return undefined;
  const width = Math.max(...registers.slice(0, -1).map((r) => r.length));
  return last.length < width && last.column + last.length === text.trimEnd().length ? 'register' : undefined;
}

/** The rest of a cut register value at the start of the next line, when it completes the value to `width` digits. */
export function valueRest(next: string, missing: number): string | undefined {
  const run = HEX_RUN.exec(next.trimStart());
  return run && run[0].length === missing ? run[0] : undefined;
}
