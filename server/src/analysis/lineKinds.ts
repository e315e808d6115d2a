/** What each line of a transcript was recognised as. */
export const enum LineKind {
  Prose = 0,
  Blank,
  Markdown,
  Prompt,
  ShellPrompt,
  BtHeader,
  BtFrame,
  ExceptionRip,
  Registers,
  StackMarker,
  Memory,
  Disassembly,
  Source,
  Sym,
  Struct,
  Kmem,
  CommandOutput,
  CrashMessage,
  ReportHeader,
  TraceFrame,
  ConsoleLine,
  Damaged,
}

export const LINE_KIND_NAMES = [
  'prose', 'blank', 'markdown', 'prompt', 'shell-prompt', 'bt-header', 'bt-frame', 'exception-rip',
  'registers', 'stack-marker', 'memory', 'disassembly', 'source', 'sym', 'struct', 'kmem',
  'command-output', 'crash-message', 'report-header', 'trace-frame', 'console', 'damaged',
];
