// `sym` output: an address, its symbol and offset, and the source line.
// Recognised with or without a prompt.
import { LineKind } from '../../lineKinds';
import type { ParseSink } from '../sink';
import { defineCommand } from './command';

// `sym -m NAME` brackets a module's symbols with `c8032000 MODULE START: uart401` and
// `c8033770 MODULE END: uart401`: the module's extent. Kernels with per-type module memory
// (6.4+) print `MODULE TEXT START:`, `MODULE DATA END:`…: the text's bounds make the extent.
const MODULE_BOUND = /^\s*([0-9a-fA-F]{8,16}) MODULE (?:([A-Z_]+) )?(START|END): (\S+)\s*$/;

export const sym = defineCommand({
  kind: 'sym',
  names: ['sym'],
  output: (sink: Pick<ParseSink, 'module'>) => {
    let start: { name: string; base: bigint; line: number } | undefined;
    return {
      line(text: string, i: number): LineKind | undefined {
        const m = MODULE_BOUND.exec(text);
        if (!m) return undefined;
        if (m[2] !== undefined && m[2] !== 'TEXT') return LineKind.Sym;
        const address = BigInt('0x' + m[1]);
        if (m[3] === 'START') start = { name: m[4], base: address, line: i };
        else if (start?.name === m[4] && address > start.base)
          sink.module(start.name, start.base, Number(address - start.base), start.line);
        return LineKind.Sym;
      },
    };
  },
});

// `ffffffff89001e27 (T) panic+375 debian/build/.../panic.c: 208`, module `[lkdtm]` optional;
// old crash: `c0109944 (T) system_call+0x34  ../arch/i386/kernel/signal.c: 723`; a file whose line
// the debug info lacks (assembly: `c0300b2c (t) __dabt_svc+76 debian/…/entry-armv.S`) has no `: N`.
const SYM =
  /^\s*([0-9a-fA-F]{5,16}) \(([A-Za-z?])\) ([^\s+]+)(?:\+(0x[0-9a-fA-F]+|\d+))?(?: \[([\w.-]+)\])?(?: +(\S+?)(?:: (\d+))?)?\s*$/;

export interface SymLine {
  address: string;
  type: string;
  function: string;
  offset: number;
  module?: string;
  file?: string;
  sourceLine?: number;
}

export function parseSym(text: string): SymLine | undefined {
  if (text.indexOf(') ') < 0) return undefined;
  const m = SYM.exec(text);
  if (!m) return undefined;
  return {
    address: m[1],
    type: m[2],
    function: m[3],
    offset: m[4] ? Number(m[4]) : 0,
    module: m[5],
    file: m[6],
    sourceLine: m[7] ? Number(m[7]) : undefined,
  };
}

type SymSink = Pick<ParseSink, 'symbolBase' | 'symbolOffset' | 'source' | 'textAddress'>;

export function symLine(sink: SymSink, text: string, i: number): LineKind | undefined {
  const line = parseSym(text);
  if (!line) return undefined;
  const { function: fn, offset, module, file, sourceLine } = line;
  const value = BigInt('0x' + line.address);
  sink.symbolBase(fn, value - BigInt(offset), i);
  sink.symbolOffset(fn, offset, undefined, module, i);
  if (file && sourceLine !== undefined) sink.source(value, { file, line: sourceLine, at: i });
  sink.textAddress(line.address);
  return LineKind.Sym;
}
