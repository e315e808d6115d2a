// Evidence of architectures `crash` reads but the analysis does not model yet. They are
// scored beside the registered ones only to keep their transcripts `unknown`: ppc64
// listings must not make one arm64 or x86_64.
// Registering an architecture (./registry) replaces its entry here.
import type { ArchEvidence } from './types';

const mnemonics = (...names: string[]) => {
  const set = new Set(names);
  return (mnemonic: string) => (set.has(mnemonic) ? 1 : 0);
};

export const UNMODELLED: readonly { name: string; evidence: ArchEvidence }[] = [
  {
    name: 'ppc64',
    evidence: {
      registerLine: () => 0,
      instruction: mnemonics('std', 'stdu', 'mflr', 'mtlr', 'mr', 'addis', 'lwz', 'stw', 'rldicl', 'cmpdi', 'cmpwi'),
      // Kernel text at c000000000000000 (no KASLR), modules at c008….
      textAddress: (hex) => (hex.startsWith('c000000000') || hex.startsWith('c008') ? 1 : 0),
    },
  },
];
