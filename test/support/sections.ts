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

/** Commands whose output the walk must not be able to copy. */
const REMOVED = /^(?:bt(?:\s+-\w+)*|log(?:\s.*)?|rd\s+-s\b.*)$/;

/** Drops whole command sections: a `crash> CMD` line plus its output up to the next `crash>` line. */
export function withoutSections(transcript: string, removed = REMOVED): string {
  const kept: string[] = [];
  let skipping = false;
  for (const raw of transcript.split('\n')) {
    const prompt = /^crash> (.*)$/.exec(raw.replace(/\r$/, ''));
    if (prompt) skipping = removed.test(prompt[1].trim());
    if (!skipping) kept.push(raw);
  }
  return kept.join('\n');
}

/** The console up to (not including) its first call trace. */
export function consoleBeforeTrace(console: string): string {
  const lines = console.split('\n');
  const trace = lines.findIndex((l) => /Call [Tt]race:/.test(l));
  return lines.slice(0, trace < 0 ? lines.length : trace).join('\n');
}
