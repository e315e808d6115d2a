// `mod` output: where each module lies.
import { LineKind } from '../../lineKinds';
import type { ParseSink } from '../sink';
import { defineCommand } from './command';
import { isTableLine } from './table';

export const mod = defineCommand({
  kind: 'mod',
  names: ['mod'],
  output: (sink: Pick<ParseSink, 'module'>) => ({
    line(text: string, i: number): LineKind | undefined {
      const module = parseModuleLine(text);
      if (module) {
        sink.module(module.name, BigInt('0x' + module.base), module.size, i, BigInt('0x' + module.struct));
        return LineKind.CommandOutput;
      }
      return isTableLine(text.trim()) ? LineKind.Kmem : undefined;
    },
  }),
});

// `ffff800000d0e080  corpus_crash  ffff800000d0c000  16384  corpus_crash.ko`
const MOD = /^\s*([0-9a-fA-F]{16})\s+([\w-]+)\s+([0-9a-fA-F]{16})\s+(\d+)\s+/;

export function parseModuleLine(text: string): { name: string; struct: string; base: string; size: number } | undefined {
  const m = MOD.exec(text);
  return m ? { name: m[2], struct: m[1], base: m[3], size: Number(m[4]) } : undefined;
}
