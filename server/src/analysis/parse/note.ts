// A person's note after a line of crash's output (`   <-- here`, ` # why`, ` << this`, ` // why`).
// Console text has its own reading of notes (console/pasted.ts), without `#`: the kernel prints
// `seq # bug:` itself.

// Crash prints no `#` after the words of the lines this is tried on; its dis output has
// `# 0xADDR <sym>` comments (and arm64's `// #-16`), and its parser reads those lines whole.
// A note in a language of its own may follow its mark unspaced (`<---在这里跳转`, `//这个是`).
// Three slashes or more mark one whatever follows (`///ffff81011d6bbd60 这里是…`).
const CRASH_NOTE = /\s+(?:(?:#|<-+|<<+|\/\/)(?:[\s\u0080-\uffff].*)?|\/{3,}.*)$/;

/**
 * Where a person's note starts on a line of crash's output (`   <-- here`, ` # why`), or -1.
 * Only for lines that are not read whole otherwise: the marks may be crash's own elsewhere.
 */
export function crashNoteStart(line: string): number {
  const m = CRASH_NOTE.exec(line);
  return m && m.index > 0 && line.slice(0, m.index).trim() !== '' ? m.index : -1;
}

/** The line without a person's note after crash's output. */
export function withoutCrashNote(line: string): string {
  const note = crashNoteStart(line);
  return note > 0 ? line.slice(0, note) : line;
}
