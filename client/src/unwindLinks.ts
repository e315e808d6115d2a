// Where the addresses of an unwound-stack document point: each output line the server
// links to a transcript line gets its addresses linked there. Plain data, no VS Code API.

export interface AddressLink {
  /** 0-based line and columns in the unwound-stack document. */
  line: number;
  start: number;
  end: number;
  /** 0-based line of the transcript. */
  sourceLine: number;
}

const ADDRESS = /\b(?:0x)?[0-9a-f]{8,16}\b/gi;

export function addressLinks(text: string, links: readonly { outputLine: number; sourceLine: number }[]): AddressLink[] {
  const lines = text.split(/\r?\n/);
  const result: AddressLink[] = [];
  for (const { outputLine, sourceLine } of links) {
    if (sourceLine < 0 || outputLine < 0 || outputLine >= lines.length) continue;
    for (const match of lines[outputLine].matchAll(ADDRESS)) {
      result.push({ line: outputLine, start: match.index, end: match.index + match[0].length, sourceLine });
    }
  }
  return result;
}
