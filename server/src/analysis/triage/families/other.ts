// Reports with one fixed shape each: UBSAN, Rust panics, reboots, netdevice and VFS leaks, trusty,
// interrupts nobody handled.
import { traceFrames, type Family } from '../rules';

const ubsanFrames = traceFrames(['ubsan', 'overflow']);

export const ubsanFamily: Family = {
  header: 'UBSAN:',
  rules: [
    { match: /UBSAN:/, detail: /UBSAN: Undefined behaviour in/, title: 'UBSAN: undefined-behaviour in {1}', frame: ubsanFrames },
    {
      match: /UBSAN: array-index-out-of-bounds in/,
      title: 'UBSAN: array-index-out-of-bounds in {1}',
      alt: ['bad-access in {1}'],
      frame: ubsanFrames,
    },
    { match: /UBSAN:/, detail: /UBSAN: (.*?) in/, title: 'UBSAN: {1} in {2}', frame: ubsanFrames },
  ],
};

export const rustPanicFamily: Family = {
  header: 'rust_kernel: panicked',
  rules: [
    {
      match: /rust_kernel: panicked/,
      detail: /rust_kernel: panicked at [^\n]*?\n(.+?)\n/,
      title: '{1} in {2}',
      frame: traceFrames(['__rustc::rust_begin_unwind']),
    },
  ],
};

/** syzkaller's title for a console that shows the machine booting again. */
export const REBOOT_TITLE = 'unexpected kernel reboot';

export const rebootFamily: Family = {
  header: 'Booting the kernel.',
  // A boot message read back from the console and echoed as a bad mount option is no reboot.
  notReports: [/Parsing ELF|Decompressing Linux|Unknown parameter '/],
  rules: [{ match: /^Booting the kernel/, title: REBOOT_TITLE, noTrace: true }],
};

export const netdeviceLeakFamily: Family = {
  header: 'unregister_netdevice: waiting for',
  rules: [
    {
      match: /unregister_netdevice: waiting for (?:.*) to become free/,
      title: 'unregister_netdevice: waiting for DEV to become free',
      noTrace: true,
    },
  ],
};

export const vfsFileCountFamily: Family = {
  header: 'VFS: Close: file count is 0',
  rules: [{ match: /VFS: Close: file count is 0/, title: 'VFS: Close: file count is zero (use-after-free)', noTrace: true }],
};

export const vfsBusyInodesFamily: Family = {
  header: 'VFS: Busy inodes after unmount',
  rules: [{ match: /VFS: Busy inodes after unmount/, title: 'VFS: Busy inodes after unmount (use-after-free)', noTrace: true }],
};

export const trustyFamily: Family = {
  header: 'trusty: panic',
  rules: [
    {
      match: /trusty: panic.* ASSERT FAILED/,
      detail: /trusty: panic \(.*?\):(?: DEBUG)? ASSERT FAILED at \(.*?\): (.+)/,
      title: 'trusty: ASSERT FAILED: {1}',
      noTrace: true,
    },
    { match: /trusty: panic.* ASSERT FAILED.*: *(.*)/, title: 'trusty: ASSERT FAILED: {1}', damaged: true },
    { match: /trusty: panic/, detail: /trusty: panic \(.*?\): (.+)/, title: 'trusty: panic: {1}', noTrace: true },
  ],
};

// `[<0000000079300c1d>] usb_hcd_irq`, `[<c02b6a8c>] (usb_hcd_irq+0x0/0x68)` (2.6), or a threaded
// handler after the generic primary one (`[<c10c2020>] irq_default_primary_handler threaded [<c141b540>] usb_hcd_irq`).
const IRQ_HANDLER = /^\[<[0-9a-f]+>\] \(?(?:irq_default_primary_handler threaded \[<[0-9a-f]+>\] \(?)?([A-Za-z_][\w]*)/;

/**
 * kernel/irq/spurious.c: no handler of the line claimed its interrupts. The stack is the interrupt
 * path that noticed; the handlers listed after it (`handlers:`) are the drivers that should have
 * claimed it, and the first names the report.
 */
export const nobodyCaredFamily: Family = {
  header: ': nobody cared (try booting with',
  rules: [
    {
      match: /irq \d+: nobody cared/,
      title: 'irq nobody cared in {1}',
      frame: { steps: [/^handlers:/, IRQ_HANDLER] },
      frameIsFunction: true,
    },
  ],
};
