// Line/offset bookkeeping shared by every feature: positions are 0-based here,
// the CLI adds one when it prints them.
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: Uint32Array;
  /** Line texts without their end-of-line characters (a trailing CR is dropped). */
  readonly lines: string[];

  constructor(text: string) {
    const lines = text.split('\n');
    const starts = new Uint32Array(lines.length);
    let offset = 0;
    for (let i = 0; i < lines.length; i++) {
      starts[i] = offset;
      const line = lines[i];
      offset += line.length + 1;
      if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
    }
    this.lines = lines;
    this.starts = starts;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  offsetAt(position: Position): number {
    const line = Math.min(Math.max(position.line, 0), this.lines.length - 1);
    const character = Math.min(Math.max(position.character, 0), this.lines[line].length);
    return this.starts[line] + character;
  }

  positionAt(offset: number): Position {
    let low = 0;
    let high = this.lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(offset - this.starts[low], this.lines[low].length) };
  }
}

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
