// `kmem ADDR` output: the cache an object belongs to, the objects of its slab (free or
// `[allocated]`) and vmap areas.
import { LineKind } from '../../lineKinds';
import type { ParseSink } from '../sink';
import { defineCommand, type OutputParser } from './command';
import { isTableLine } from './table';

export const kmem = defineCommand({ kind: 'kmem', names: ['kmem'], output: (sink) => new KmemParser(sink) });

// `ffff00ff800cae40  ffff00ff80261400  ffff800013580000 - ffff8000135a0000   131072`
const VMAP = /^\s*([0-9a-fA-F]{8,16})\s+([0-9a-fA-F]{8,16})\s+([0-9a-fA-F]{8,16}) - ([0-9a-fA-F]{8,16})\s+(\d+)\s*$/;

export function parseVmapArea(text: string): { start: string; end: string } | undefined {
  const m = VMAP.exec(text);
  return m ? { start: m[3], end: m[4] } : undefined;
}

// Cache row: `ffff500003c86600     2456       2824     10452    201   128k  TCP` (crash 8)
// or `ffff... NAME OBJSIZE ...` (crash 7); s390x without KASLR prints 7 digits (`19c5d00`).
const CACHE_ROW = /^([0-9a-f]{6,16})\s+(\d+)\s+\d+\s+\d+\s+\d+\s+\d+k\s+(\S+)$/;
const CACHE_ROW_7 = /^([0-9a-f]{6,16})\s+(\S+)\s+(\d+)\s+\d+\s+\d+\s+\d+\s+\d+k$/;
// `  ffff00ff862fc000  ` (free) or `  [ffff00ff862fc080]` (allocated), crash 7 adds `(cpu 1 cache)`.
export const KMEM_OBJECT_ROW = /^(\[)?([0-9a-f]{6,16})\]?(?:\s+\(.*\))?$/;

type KmemSink = Pick<ParseSink, 'slab' | 'vmap'>;

class KmemParser implements OutputParser {
  private cache: string | undefined;
  private objectSize = 0;
  /** Inside the `FREE / [ALLOCATED]` list. */
  private objects = false;

  constructor(private readonly sink: KmemSink) {}

  idle(): boolean {
    return this.cache === undefined && !this.objects;
  }

  line(text: string, i: number): LineKind | undefined {
    const vmap = parseVmapArea(text);
    if (vmap) {
      this.sink.vmap({ start: BigInt('0x' + vmap.start), end: BigInt('0x' + vmap.end), line: i });
      return LineKind.Kmem;
    }
    const trimmed = text.trim();
    if (/^CACHE\s+/.test(trimmed)) {
      this.cache = undefined;
      this.objects = false;
      return LineKind.Kmem;
    }
    if (trimmed.startsWith('FREE / [ALLOCATED]')) {
      this.objects = true;
      return LineKind.Kmem;
    }
    let row = CACHE_ROW.exec(trimmed);
    if (row) return this.startCache(row[3], Number(row[2]));
    row = CACHE_ROW_7.exec(trimmed);
    if (row) return this.startCache(row[2], Number(row[3]));
    if (this.objects) {
      const m = KMEM_OBJECT_ROW.exec(trimmed);
      if (m && this.cache && this.objectSize) {
        const address = BigInt('0x' + m[2]);
        this.sink.slab({ address, cache: this.cache, objectSize: this.objectSize, allocated: m[1] === '[', line: i });
        return LineKind.Kmem;
      }
      this.objects = false;
    }
    return isTableLine(trimmed) ? LineKind.Kmem : undefined;
  }

  private startCache(name: string, objectSize: number): LineKind {
    this.cache = name;
    this.objectSize = objectSize;
    this.objects = false;
    return LineKind.Kmem;
  }
}
