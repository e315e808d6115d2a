// Document highlights, references and definitions: where a value or a function
// shows up in the transcript, and where the transcript defines it (dis, sym).
import { hex16, parseHex } from './hex';
import { lineRange, Range } from './lines';
import type { Model } from './model';
import { wordAt } from './words';

/** Above this size, whole-text scans give way to the model's indexes. */
const SCAN_LIMIT = 16 * 1024 * 1024;
const MAX_RESULTS = 5000;

interface Needle {
  /** Texts to look for, each matched as a whole word. */
  texts: string[];
  value?: bigint;
  functionName?: string;
}

function needleAt(model: Model, line: number, character: number): Needle | undefined {
  const text = model.line(line);
  if (text === undefined) return undefined;
  const word = wordAt(text, character);
  if (!word) return undefined;
  if (word.kind === 'hex') {
    const value = parseHex(word.text);
    if (value === undefined) return undefined;
    const padded = hex16(value);
    const bare = value.toString(16);
    return { texts: [...new Set([padded, bare, `0x${bare}`, `0x${padded}`])], value };
  }
  if (word.kind === 'symbol') {
    const name = /^[A-Za-z_.$][\w.$]*/.exec(word.text)![0];
    return { texts: [name], functionName: name };
  }
  if (word.kind === 'name' || word.kind === 'register')
    return { texts: [word.text], functionName: word.kind === 'name' ? word.text : undefined };
  return { texts: [word.text] };
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 46;
}

/** Every whole-word occurrence of the needle, in document order. */
export function occurrences(model: Model, line: number, character: number): Range[] {
  const needle = needleAt(model, line, character);
  if (!needle) return [];
  const ranges: Range[] = [];
  const seen = new Set<string>();
  const add = (l: number, start: number, length: number) => {
    const key = `${l}:${start}`;
    if (seen.has(key) || ranges.length >= MAX_RESULTS) return;
    seen.add(key);
    ranges.push(lineRange(l, start, start + length));
  };
  const totalLength = model.text.starts[model.text.lineCount - 1] ?? 0;
  if (totalLength <= SCAN_LIMIT) {
    for (let l = 0; l < model.lineCount && ranges.length < MAX_RESULTS; l++) {
      const text = model.line(l);
      for (const t of needle.texts) {
        let from = 0;
        let at: number;
        while ((at = text.indexOf(t, from)) >= 0) {
          const before = at > 0 ? text.charCodeAt(at - 1) : 32;
          const after = at + t.length < text.length ? text.charCodeAt(at + t.length) : 32;
          // `0x` belongs to the word, so a bare match right after `0x` is the same occurrence.
          const prefixed = at >= 2 && text.startsWith('0x', at - 2) && needle.value !== undefined && !t.startsWith('0x');
          if (!isWordChar(before) && !isWordChar(after) && !prefixed) add(l, at, t.length);
          else if (prefixed && !isWordChar(after) && (at < 3 || !isWordChar(text.charCodeAt(at - 3))))
            add(l, at - 2, t.length + 2);
          from = at + t.length;
        }
      }
    }
  } else if (needle.value !== undefined) {
    for (const w of model.memory.occurrencesOfValue(needle.value, MAX_RESULTS)) add(w.line, w.column, 16);
    for (const r of model.registersWithValue(needle.value)) add(r.line, r.column, r.length);
  }
  ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return ranges;
}

/** Where the transcript shows a function or text address: its `dis` line, `sym` line or listing start. */
export function definitions(model: Model, line: number, character: number): Range[] {
  const text = model.line(line);
  if (text === undefined) return [];
  const word = wordAt(text, character);
  if (!word) return [];
  let address: bigint | undefined;
  let name: string | undefined;
  if (word.kind === 'symbol') {
    const m = /^([A-Za-z_.$][\w.$]*)\+(0x[0-9a-fA-F]+|\d+)/.exec(word.text);
    if (m) {
      name = m[1];
      const base = model.symbols.get(name)?.base;
      if (base !== undefined) address = base + BigInt(Number(m[2]));
    }
  } else if (word.kind === 'hex') {
    address = parseHex(word.text);
  } else if (word.kind === 'name') {
    name = word.text;
    address = model.symbols.get(name)?.base;
  }
  const result: Range[] = [];
  if (address !== undefined) {
    for (const l of model.instructions.linesAt(address)) if (l !== line) result.push(lineRange(l, 0, model.line(l).length));
    const source = model.sourceAt(address);
    if (source && source.at !== line && !result.some((r) => r.start.line === source.at))
      result.push(lineRange(source.at, 0, model.line(source.at).length));
  }
  if (result.length === 0 && name) {
    const symbol = model.symbols.get(name);
    for (const l of symbol?.baseEvidence ?? []) if (l !== line) result.push(lineRange(l, 0, model.line(l).length));
  }
  return result.slice(0, 50);
}
