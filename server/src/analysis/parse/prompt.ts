// crash's own lines: the `crash>` prompt that names the output after it, and crash's
// messages (`WARNING: possibly bogus exception frame`, `rd: invalid kernel virtual address`).
import { commandNamed, type CommandKind } from './commands';
import type { CommandSpec, PromptLine } from './commands/command';

// crash prompts with its own program name (main.c: `"%s> ", pc->program_name`): `crash>`, and builds
// installed under another name: `crash64>`, `crash_arm64>`, `crash-7.3.0>`, `crash_arm64-8.0.3>`.
// Notes set the prompt in Markdown bold or inline code: `**crash> bt**`, `**crash>** bt`, `` `crash> bt` ``.
// drgn's crash compatibility mode prompts `%crash> ` (drgn/commands/_crash), and its CLI runs one
// command as `>>> %crash bt` (the `>>> ` is read as a quote marker).
const PROMPT =
  /^\s*(?:(?:\d+\.|[-*+])\s+)?(\*\*|__|`)?(crash(?:64|32)?(?:[-_][A-Za-z0-9][\w.+-]*)?>|%crash(?:>|(?= |$)))(\*\*|__|`)? ?(.*)$/;

export interface Prompt extends PromptLine {
  kind: CommandKind;
  /** The registered command, when the parser knows it. */
  spec: CommandSpec<CommandKind> | undefined;
}

export function parsePrompt(text: string): Prompt | undefined {
  if (text.indexOf('>') < 0 && text.indexOf('%crash') < 0) return undefined;
  const m = PROMPT.exec(text);
  if (!m) return undefined;
  const mark = m[1];
  // A mark closes where it opened, right after the prompt or after the command.
  if (m[3] !== undefined && m[3] !== mark) return undefined;
  let full = m[4].trim();
  if (mark !== undefined && m[3] === undefined) {
    if (!full.endsWith(mark)) return undefined;
    full = full.slice(0, -mark.length).trim();
  }
  const bar = full.indexOf('|');
  const commandText = (bar >= 0 ? full.slice(0, bar) : full).trim();
  const words = commandText.split(/\s+/).filter((w) => w.length > 0);
  const name = words[0] ?? '';
  let spec = commandNamed(name);
  // `struct sock -o` vs `*` and friends: anything typed as `foo -o` with a struct name is struct too.
  if (!spec && words.includes('-o') && name !== '') spec = commandNamed('struct');
  const options = words.slice(1).filter((w) => /^-[A-Za-z0-9]+$/.test(w));
  const args = words.slice(1).filter((w) => !/^-[A-Za-z0-9]+$/.test(w));
  return {
    command: full,
    kind: spec?.kind ?? 'other',
    spec,
    options,
    args,
    pipe: bar >= 0 ? full.slice(bar + 1).trim() : undefined,
    column: text.indexOf(m[2]),
  };
}

// crash's `WARNING: possibly bogus exception frame`, `rd: invalid kernel virtual address: ...`.
const CRASH_MESSAGE =
  /^(?:WARNING|NOTE|INFO): |^(?:rd|bt|dis|sym|struct|kmem|search|mod|task|gdb|crash|help|log|ps|eval|p): |^\s*(?:please wait|Please wait)/;

export function isCrashMessage(text: string): boolean {
  return CRASH_MESSAGE.test(text);
}
