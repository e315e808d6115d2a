// Cuts crash command sections (a `crash> CMD` line and its output up to the next prompt) out of a transcript.
export function removeSections(text: string, drop: (command: string) => boolean): string {
  const out: string[] = [];
  let dropping = false;
  for (const line of text.split('\n')) {
    const m = /^crash> (.*)$/.exec(line);
    if (m) dropping = drop(m[1].trim());
    if (!dropping) out.push(line);
  }
  return out.join('\n');
}

/** The lines of each section whose command passes the filter. */
export function sectionLines(text: string, keep: (command: string) => boolean): { command: string; lines: string[] }[] {
  const result: { command: string; lines: string[] }[] = [];
  let current: { command: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    const m = /^crash> (.*)$/.exec(line);
    if (m) {
      current = keep(m[1].trim()) ? { command: m[1].trim(), lines: [] } : undefined;
      if (current) result.push(current);
    } else current?.lines.push(line);
  }
  return result;
}
