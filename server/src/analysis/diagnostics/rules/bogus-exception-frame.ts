// `bogus-exception-frame`: a register block crash printed after a stack switch and
// itself marked "possibly bogus", with the reasons its values cannot be the
// interrupted context. The other rules never use such a block as evidence.
import type { RelatedInfo } from '../../types';
import { hexAddress } from '../evidence';
import { defineRule } from '../rule';

export const bogusExceptionFrame = defineRule({
  code: 'bogus-exception-frame',
  severity: 'warning',
  description: 'A register block crash printed after a stack switch that cannot be the interrupted context.',
  arches: 'any',
  example: {
    lines: [
      'crash> bt -a',
      'PID: 0        TASK: ffffffff83a1aa40  CPU: 0    COMMAND: "swapper/0"',
      ' #0 [ffffcaf440003fb8] stop_this_cpu at ffffffff8203fc7d',
      ' #1 [ffffcaf440003fe8] __sysvec_reboot at ffffffff8206b6f7',
      ' #2 [ffffcaf440003ff0] sysvec_reboot at ffffffff82a47988',
      '--- <IRQ stack> ---',
      ' #3 [ffffffff83a03da8] sysvec_reboot at ffffffff82a47988',
      '    RIP: 00000000314de22f  RSP: ffff888442229e00  RFLAGS: 0001ad40',
      '    RAX: 0000000000000000  RBX: 0000000000000000  RCX: 0000000000000000',
      '    ORIG_RAX: 00000000fffffffb  CS: ffffffffffc9d5ad  SS: 4000000000000000',
      'WARNING: possibly bogus exception frame',
    ],
    firesOn: [7],
  },
  check({ evidence, emit }) {
    for (const bt of evidence.model.backtraces) {
      // Blocks of a bt without frames are not judged (nor reported) by the bt rules.
      if (bt.frames.length === 0) continue;
      for (const e of bt.exceptionFrames) {
        if (!e.bogus) continue;
        const reasons: string[] = [];
        const value = (name: string) => e.registers.find((r) => r.name === name)?.value;
        const rip = value('RIP') ?? value('PC');
        const cs = value('CS');
        // Whether it is text is the architecture's layout: no reason given on an unknown one.
        if (rip !== undefined && evidence.spec) {
          const kind = evidence.model.classify(rip).kind;
          if (kind !== 'kernel-text' && kind !== 'module-text' && kind !== 'user')
            reasons.push(`RIP ${hexAddress(rip)} is ${evidence.model.classify(rip).label}, not text`);
        }
        if (cs !== undefined && cs !== 0x10n && cs !== 0x33n && cs !== 0x23n)
          reasons.push(`CS ${cs.toString(16).padStart(4, '0')} is no code segment`);
        if (e.exceptionRip && /unknown|invalid|no symbolic/.test(e.exceptionRip))
          reasons.push(`crash found no symbol for the RIP`);
        const related: RelatedInfo[] = [];
        const pc = bt.pid !== undefined ? evidence.consolePcOfPid(bt.pid) : undefined;
        if (pc) related.push({ range: evidence.registerRange(pc), message: 'the console shows the interrupted registers' });
        emit({
          severity: 'warning',
          message:
            `crash marked this register block "possibly bogus"${reasons.length ? `: ${reasons.join('; ')}` : ''}; ` +
            `its values are not the interrupted context and are not used as evidence`,
          range: evidence.lineRange(e.line),
          related,
        });
      }
    }
  },
});
