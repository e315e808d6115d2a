// The crash commands the parser knows, by the names typed at the prompt. A new output
// format is a module next to this one (a spec made with defineCommand) and a line here.
import { bt } from './bt';
import { defineCommand, type CommandSpec } from './command';
import { dis } from './dis';
import { foreach } from './foreach';
import { kmem } from './kmem';
import { mod } from './mod';
import { ps } from './ps';
import { rd } from './rd';
import { runq } from './runq';
import { search } from './search';
import { sym } from './sym';
import { task } from './task';

export const COMMANDS = [
  bt,
  rd,
  dis,
  sym,
  kmem,
  search,
  mod,
  task,
  ps,
  runq,
  foreach,
  // Output kept as a typed section (struct listings are parsed wherever they appear).
  defineCommand({ kind: 'struct', names: ['struct', 'union'] }),
  defineCommand({ kind: 'eval', names: ['eval', 'p', 'px'] }),
  defineCommand({ kind: 'sys', names: ['sys'] }),
  defineCommand({ kind: 'log', names: ['log', 'dmesg'] }),
  defineCommand({ kind: 'help', names: ['help'] }),
];

/** The kind of a command's output section. */
export type CommandKind = (typeof COMMANDS)[number]['kind'] | 'other';

const BY_NAME = new Map<string, CommandSpec<CommandKind>>();
for (const spec of COMMANDS) for (const name of spec.names) BY_NAME.set(name, spec);

export function commandNamed(name: string): CommandSpec<CommandKind> | undefined {
  return BY_NAME.get(name);
}
