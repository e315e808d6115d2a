// crash's arm64 kernel-mode exception frame opens with two lines its register parser does not
// read, each a value and its symbol, before `SP: … PSTATE: …` and the X29…X0 rows:
//      PC: ffff000008268b5c  [kmem_cache_free+252]
//      LR: ffff000008383800  [ext4_i_callback+24]
// They give the block the pc (frame #0) and lr (its caller) a walk from X29 starts with.
import type { LineSource } from '../lines';
import type { Register } from '../types';

const HEAD_LINE = /^(\s*)(PC|LR):\s+([0-9a-fA-F]{16})\s+\[([^\]\s+]+)(?:\+(\d+))?\]\s*$/;
/** The PC and LR lines sit right above the block's first register line. */
const HEAD_LINES = 2;

/** The PC and LR registers printed above a block that has an X29 (crash's arm64 layout), else none. */
export function arm64ExceptionHead(source: LineSource, block: readonly Register[]): Register[] {
  if (!block.some((r) => r.name === 'X29') || block.some((r) => r.name === 'PC' || r.name === 'LR')) return [];
  const first = block.reduce((m, r) => Math.min(m, r.line), block[0].line);
  const head: Register[] = [];
  for (let line = first - 1; line >= Math.max(0, first - HEAD_LINES); line--) {
    const m = HEAD_LINE.exec(source.line(line));
    if (!m) break;
    const column = m[1].length + m[2].length + m[0].slice(m[1].length + m[2].length).indexOf(m[3]);
    head.unshift({
      name: m[2],
      value: BigInt('0x' + m[3]),
      symbol: { name: m[4], offset: m[5] !== undefined ? Number(m[5]) : undefined },
      line,
      column,
      length: m[3].length,
    });
  }
  return head;
}
