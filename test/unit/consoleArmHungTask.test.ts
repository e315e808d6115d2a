// 32-bit arm hung tasks: the trace is `[<addr>] (callee) from [<addr>] (caller+off)` lines with no
// `Call trace:` heading, a module's function named with its module inside the parentheses. Real
// lines of a Raspberry Pi report (github.com/raspberrypi/linux/issues/2557, 4.14, syslog with printk
// timestamps).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { parseConsoleFrame } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';

const RPI_HUNG_TASK = [
  'May 17 18:48:11 kernel: [ 6141.921740] INFO: task kworker/u8:0:5 blocked for more than 120 seconds.',
  'May 17 18:48:11 kernel: [ 6141.921764]       Tainted: G         C      4.14.17-v7+ #1090',
  'May 17 18:48:11 kernel: [ 6141.921774] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
  'May 17 18:48:11 kernel: [ 6141.921785] kworker/u8:0    D    0     5      2 0x00000000',
  'May 17 18:48:11 kernel: [ 6141.921812] Workqueue: writeback wb_workfn (flush-8:1-fuseblk)',
  'May 17 18:48:11 kernel: [ 6141.921849] [<807762c0>] (__schedule) from [<80776938>] (schedule+0x50/0xa8)',
  'May 17 18:48:11 kernel: [ 6141.921868] [<80776938>] (schedule) from [<8014ac8c>] (io_schedule+0x20/0x40)',
  'May 17 18:48:11 kernel: [ 6141.921887] [<8014ac8c>] (io_schedule) from [<8021c4e4>] (__lock_page+0x100/0x128)',
  'May 17 18:48:11 kernel: [ 6141.921906] [<8021c4e4>] (__lock_page) from [<8022bb78>] (write_cache_pages+0x30c/0x4d4)',
  'May 17 18:48:11 kernel: [ 6141.921985] [<8022bb78>] (write_cache_pages) from [<7f4ba618>] (fuse_writepages+0x80/0xe4 [fuse])',
  'May 17 18:48:11 kernel: [ 6141.922075] [<7f4ba618>] (fuse_writepages [fuse]) from [<8022e284>] (do_writepages+0x30/0x8c)',
  'May 17 18:48:11 kernel: [ 6141.922094] [<8022e284>] (do_writepages) from [<802ba854>] (__writeback_single_inode+0x44/0x430)',
];

describe('32-bit arm hung tasks', () => {
  it("keeps the module a frame names inside its parentheses, the callee's and the caller's", () => {
    const callee = parseConsoleFrame('[<7f4ba618>] (fuse_writepages [fuse]) from [<8022e284>] (do_writepages+0x30/0x8c)')!;
    assert.deepEqual(
      [callee.function, callee.module, callee.caller?.function, callee.caller?.module],
      ['fuse_writepages', 'fuse', 'do_writepages', undefined],
    );
    const caller = parseConsoleFrame('[<8022bb78>] (write_cache_pages) from [<7f4ba618>] (fuse_writepages+0x80/0xe4 [fuse])')!;
    assert.deepEqual([caller.caller?.function, caller.caller?.offset, caller.caller?.module], ['fuse_writepages', 0x80, 'fuse']);
  });

  it('is titled after the first frame that does not wait, as syzkaller titles hung tasks', () => {
    const reports = summarize(analyze(RPI_HUNG_TASK.join('\n'))).reports;
    assert.equal(reports.length, 1);
    const [report] = reports;
    assert.deepEqual([report.kind, report.title], ['hung-task', 'INFO: task hung in write_cache_pages']);
    assert.deepEqual(
      report.frames.map((f) => `${f.function}+${f.offset} ${f.module ?? ''}`.trim()),
      [
        '__schedule+undefined',
        'schedule+80',
        'io_schedule+32',
        '__lock_page+256',
        'write_cache_pages+780',
        'fuse_writepages+128 fuse',
        'do_writepages+48',
        '__writeback_single_inode+68',
      ],
    );
  });
});

describe('32-bit arm traces: a caller the kernel could not name', () => {
  // An old kernel's scheduling-while-atomic (a gumstix yocto issue), unedited: the idle loop's caller is `(0x80489c54)`.
  const SCHEDULING_WHILE_ATOMIC = [
    'BUG: scheduling while atomic: swapper/1/0/0xfffffe00',
    'Modules linked in: mwifiex_sdio btmrvl_sdio mwifiex btmrvl bluetooth cfg80211 firmware_class rfkill ipv6',
    '[<c0014c84>] (unwind_backtrace+0x0/0x11c) from [<c048dbbc>] (__schedule_bug+0x48/0x60)',
    '[<c048dbbc>] (__schedule_bug+0x48/0x60) from [<c0493bbc>] (__schedule+0x68/0x798)',
    '[<c0493bbc>] (__schedule+0x68/0x798) from [<c000f0b0>] (cpu_idle+0x104/0x120)',
    '[<c000f0b0>] (cpu_idle+0x104/0x120) from [<80489c54>] (0x80489c54)',
  ];

  it('keeps the last line: its callee, and its caller as an unnamed frame at the address', () => {
    const frames = analyze(SCHEDULING_WHILE_ATOMIC.join('\n')).reports[0].frames;
    assert.deepEqual(
      frames.map((f) => [f.line, f.function, f.address?.toString(16)]),
      [
        [2, 'unwind_backtrace', 'c0014c84'],
        [3, '__schedule_bug', 'c048dbbc'],
        [4, '__schedule', 'c0493bbc'],
        [5, 'cpu_idle', 'c000f0b0'],
        [5, '', '80489c54'],
      ],
    );
  });
  it('titles a kthread parked in kthread() itself by kthread, not by ret_from_fork below it', () => {
    // github.com/raspberrypi/linux/issues/6960 (6.12, the `callee from caller+off` lines of 6.0+).
    const lines = [
      '[  243.683849] INFO: task vchiq-keep/0:208 blocked for more than 122 seconds.',
      '[  243.683904]       Not tainted 6.12.38-0-rpi #1-Alpine',
      '[  243.683917] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
      '[  243.683927] task:vchiq-keep/0    state:D stack:0     pid:208   tgid:208   ppid:2      flags:0x00000000',
      '[  243.683960] Call trace: ',
      '[  243.683977]  __schedule from schedule+0x20/0x134',
      '[  243.684028]  schedule from schedule_preempt_disabled+0xc/0x10',
      '[  243.684059]  schedule_preempt_disabled from kthread+0x88/0xd8',
      '[  243.684095]  kthread from ret_from_fork+0x14/0x28',
      '[  243.684123] Exception stack(0xdfae1fb0 to 0xdfae1ff8)',
    ];
    const [report] = summarize(analyze(lines.join('\n'))).reports;
    assert.equal(report.title, 'INFO: task hung in kthread');
  });
});
