// `tagged-return-address`: a crash `bt` frame whose return address still carries the bits the
// architecture strips from a pointer before using it (arm64's pointer-authentication code in a
// saved LR, when crash did not know KERNELPACMASK): crash named the signed value, so the function
// it prints (`__kvm_nvhe_$d.2314`, a mapping symbol) is wrong; the stripped address is the frame's.
// The example is crash's commit 1c6da3e (github.com/crash-utility/crash), an Android ramdump.
import { textChance } from '../../classify';
import { hexAddress } from '../evidence';
import { defineRule } from '../rule';

export const taggedReturnAddress = defineRule({
  code: 'tagged-return-address',
  severity: 'warning',
  description: "A bt return address still carries tag bits (arm64's pointer-authentication code): crash named the signed value.",
  arches: 'known',
  example: {
    lines: [
      'crash> bt 16930',
      'PID: 16930    TASK: ffffff89b3eada00  CPU: 2    COMMAND: "Firebase Backgr"',
      ' #0 [ffffffc034c437f0] __switch_to at ffffffe0036832d4',
      ' #1 [ffffffc034c43850] __kvm_nvhe_$d.2314 at 6be732e004cf05a0',
      ' #2 [ffffffc034c438b0] __kvm_nvhe_$d.2314 at 86c54c6004ceff80',
      '     PC: 00000073f5294840   LR: 00000070d8f39ba4   SP: 00000070d4afd5d0',
      '    X29: 00000070d4afd600  X28: b4000071efcda7f0  X27: 00000070d4afe000',
    ],
    firesOn: [3, 4],
  },
  check({ evidence, emit }) {
    const model = evidence.model;
    const { spec, layout } = model;
    if (!spec || !layout) return;
    for (const bt of model.backtraces)
      for (const frame of bt.frames) {
        if (frame.address === undefined) continue;
        const stripped = spec.stripTags(frame.address, layout);
        // Top 16 bits all ones: a kernel address of a wider layout than the one guessed (a transcript
        // that mixes machines), not a signature's random bits.
        if (stripped === frame.address || frame.address >> 48n === 0xffffn) continue;
        // Stripped, the address must be one code can run at (the image lies anywhere in arm64's vmalloc area).
        if (textChance(model, model.classify(stripped).kind) === 'never') continue;
        const named = model.framesAt(stripped)?.naming?.function ?? model.symbols.lookup(stripped)?.symbol.name;
        emit({
          severity: 'warning',
          message:
            `${hexAddress(frame.address)} still carries the tag bits of a signed return address (pointer authentication): ` +
            `crash named the signed value, so ${frame.function} is not this frame's function; the return address is ` +
            `${hexAddress(stripped)}${named && named !== frame.function ? ` (${named})` : ''}`,
          range: evidence.wordRange(frame.line, hexAddress(frame.address)),
          related: [],
        });
      }
  },
});
