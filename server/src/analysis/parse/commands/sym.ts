// `sym` output: an address, its symbol and offset, and the source line.
// Recognised with or without a prompt.
import { LineKind } from '../../lineKinds';
import type { ParseSink } from '../sink';
import { defineCommand } from './command';

export const sym = defineCommand({ kind: 'sym', names: ['sym'] });

// `ffffffff89001e27 (T) panic+375 debian/build/.../panic.c: 208`, module `[lkdtm]` optional.
const SYM = /^\s*([0-9a-fA-F]{5,16}) \(([A-Za-z?])\) ([^\s+]+)(?:\+(\d+))?(?: \[([\w.-]+)\])?(?: (\S+): (\d+))?\s*$/;

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
