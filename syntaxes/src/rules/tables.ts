import { caps, inc, numbered, uncaptured, type Captures, type RuleSet } from '../grammar';
import { plainRun, SYMBOL_OFFSET_SIZE, WORD_START } from './tokens';

/** Column names table-header-fast names at most (more go to table-header). */
const HEADER_COLUMNS = 12;
const COLUMN = String.raw`([%A-Z][A-Z0-9_%]*+)`;

/**
 * A header of bare column names in one match, a group each: table-header's capture re-read them
 * with a scanner call per name (a seven-column header cost eleven calls), and its capture patterns
 * keep it out of the merged alternations of its families.
 */
function headerLine(): { match: string; captures: Captures } {
  let columns = '';
  for (let i = 1; i < HEADER_COLUMNS; i++) columns = String.raw`[ \t]++${COLUMN}` + (columns && `(?:${columns})?`);
  return {
    match: String.raw`\G[ \t]*+${COLUMN}${columns}[ \t]*$`,
    captures: numbered(Array<string>(HEADER_COLUMNS).fill('keyword.other.column.crashlog')),
  };
}

// key-value-line's tokens after the key, in its list's order: a string, a crash flag, the generic
// word tokens and a decimal (where a word starts).
const KV_STRING = String.raw`"[^"\n]*+"`;
const KV_FLAG = String.raw`\[(?:TAINTED|OFFLINE|PANIC)[^\]\n]*+\]`;
const KV_DECIMAL = String.raw`\d++(?:\.\d++)?(?![\w])`;
/** key-value-line's plain text: where none of its tokens starts (see plainRun). */
const KV_PLAIN = plainRun(false, {
  wordToken: KV_DECIMAL,
  marks: [
    { char: '"', plain: `"(?!${KV_STRING.slice(1)})` },
    { char: String.raw`\[`, plain: String.raw`\[(?!${KV_FLAG.slice(2)})` },
  ],
});
/** Tokens key-value-run names at most (more: the list goes on where it stops). */
const KV_TOKENS = 6;

/**
 * A key's value (`vmlinux-6.1.0-56-amd64  [TAINTED]`, `Sun Nov 22 01:15:25 UTC 2026`) in one match from
 * just after its colon: plain text as its list leaves it, then the token the list finds there,
 * and so on; a func+0xoff/0xsize, <sym> or HTML entity stops it, and the list goes on from there.
 */
function keyValueRun(): { match: string; captures: Captures } {
  const token = String.raw`${KV_PLAIN}(?>(${KV_STRING})|(${KV_FLAG})|${WORD_START}(?!${uncaptured(SYMBOL_OFFSET_SIZE)})(?:((?:0x)?\h{8,16})(?![\w.$])|(0x\h++)(?![\w.$])|(${KV_DECIMAL})))`;
  let run = '';
  for (let i = 0; i < KV_TOKENS; i++) run = token + (run && `(?:${run})?`);
  return {
    match: String.raw`\G${run}${KV_PLAIN}`,
    captures: numbered(
      Array.from({ length: KV_TOKENS }, () => [
        'string.quoted.double.crashlog',
        'keyword.other.flag.crashlog',
        'constant.numeric.hex.address.crashlog',
        'constant.numeric.hex.crashlog',
        'constant.numeric.decimal.crashlog',
      ]).flat(),
    ),
  };
}

/** crash ps's columns after the active-task mark: PID, PPID, CPU, TASK, ST, %MEM, VSZ, RSS, COMM. */
const PS_ROW = String.raw`[ \t]*+(\d++)[ \t]++(-?\d++)[ \t]++(-|\d++)[ \t]++(\h{8,16})[ \t]++([A-Z]{2})[ \t]++(\d++\.\d++)[ \t]++(\d++)[ \t]++(\d++)[ \t]++(\S++(?:[ \t]++\S++)*+)`;
const PS_ROW_SCOPES = [
  'constant.numeric.decimal.pid.crashlog',
  'constant.numeric.decimal.pid.crashlog',
  'constant.numeric.decimal.cpu.crashlog',
  'constant.numeric.hex.address.task.crashlog',
  'constant.language.task-state.crashlog',
  'constant.numeric.decimal.crashlog',
  'constant.numeric.decimal.crashlog',
  'constant.numeric.decimal.crashlog',
  'string.unquoted.command.crashlog',
];

export const tablesRules: RuleSet = {
  'eval-line': {
    patterns: [
      {
        match: String.raw`\G[ \t]*+(hexadecimal)(:)[ \t]++(\S++)(?:[ \t]++(\()(-?\d++)(\)))?`,
        name: 'meta.eval.crashlog',
        captures: caps({
          1: 'keyword.other.key.crashlog',
          2: 'punctuation.separator.key-value.crashlog',
          3: 'constant.numeric.hex.crashlog',
          4: 'punctuation.definition.begin.crashlog',
          5: 'constant.numeric.decimal.signed.crashlog',
          6: 'punctuation.definition.end.crashlog',
        }),
      },
      {
        match: String.raw`\G[ \t]*+(decimal)(:)[ \t]++(\S++)(?:[ \t]++(\()(-?\d++)(\)))?`,
        name: 'meta.eval.crashlog',
        captures: caps({
          1: 'keyword.other.key.crashlog',
          2: 'punctuation.separator.key-value.crashlog',
          3: 'constant.numeric.decimal.crashlog',
          4: 'punctuation.definition.begin.crashlog',
          5: 'constant.numeric.decimal.signed.crashlog',
          6: 'punctuation.definition.end.crashlog',
        }),
      },
      {
        match: String.raw`\G[ \t]*+(octal)(:)[ \t]++(\S++)(?:[ \t]++(\()(-?\d++)(\)))?`,
        name: 'meta.eval.crashlog',
        captures: caps({
          1: 'keyword.other.key.crashlog',
          2: 'punctuation.separator.key-value.crashlog',
          3: 'constant.numeric.octal.crashlog',
          4: 'punctuation.definition.begin.crashlog',
          5: 'constant.numeric.decimal.signed.crashlog',
          6: 'punctuation.definition.end.crashlog',
        }),
      },
      {
        match: String.raw`\G[ \t]*+(binary)(:)[ \t]++(\S++)(?:[ \t]++(\()(-?\d++)(\)))?`,
        name: 'meta.eval.crashlog',
        captures: caps({
          1: 'keyword.other.key.crashlog',
          2: 'punctuation.separator.key-value.crashlog',
          3: 'constant.numeric.binary.crashlog',
          4: 'punctuation.definition.begin.crashlog',
          5: 'constant.numeric.decimal.signed.crashlog',
          6: 'punctuation.definition.end.crashlog',
        }),
      },
    ],
  },
  'ps-row-active': {
    comment: "crash ps's row of a task active on a CPU: its `>` at the line start, then ps-row's columns.",
    match: String.raw`\G(>)${PS_ROW}`,
    name: 'meta.ps-row.crashlog',
    captures: numbered(['keyword.other.active-task.crashlog', ...PS_ROW_SCOPES]),
  },
  'ps-row': {
    match: String.raw`\G${PS_ROW}`,
    name: 'meta.ps-row.crashlog',
    captures: numbered(PS_ROW_SCOPES),
  },
  'mod-row': {
    match: String.raw`\G[ \t]*+(\h{8,16})[ \t]++([A-Za-z_][\w-]*+)[ \t]++(\h{8,16})[ \t]++(\d++)(?:[ \t]++(\S++(?:[ \t]++\S++)*+))?[^\S\n]*+$`,
    name: 'meta.module-row.crashlog',
    captures: caps({
      1: 'constant.numeric.hex.address.crashlog',
      2: 'entity.name.namespace.module.crashlog',
      3: 'constant.numeric.hex.address.crashlog',
      4: 'constant.numeric.decimal.crashlog',
      5: 'string.unquoted.path.crashlog',
    }),
  },
  'kmem-cache-row': {
    comment:
      'kmem -s/-S: a slab cache, `CACHE OBJSIZE ALLOCATED TOTAL SLABS SSIZE NAME` (crash 8) or `CACHE NAME OBJSIZE ALLOCATED TOTAL SLABS SSIZE` (crash 7).',
    match: String.raw`\G[ \t]*+(\h{6,16})[ \t]++(?:(\d++)[ \t]++(\d++)[ \t]++(\d++)[ \t]++(\d++)[ \t]++(\d++k)[ \t]++(\S++)|(\S++)[ \t]++(\d++)[ \t]++(\d++)[ \t]++(\d++)[ \t]++(\d++)[ \t]++(\d++k))[^\S\n]*+$`,
    name: 'meta.slab-cache.crashlog',
    captures: numbered([
      'constant.numeric.hex.address.crashlog',
      // crash 8: the counts, the slab size, the name
      ...[1, 2, 3, 4].map(() => 'constant.numeric.decimal.crashlog'),
      'constant.numeric.decimal.size.crashlog',
      'support.type.slab.crashlog',
      // crash 7: the name, the counts, the slab size
      'support.type.slab.crashlog',
      ...[1, 2, 3, 4].map(() => 'constant.numeric.decimal.crashlog'),
      'constant.numeric.decimal.size.crashlog',
    ]),
  },
  'table-header-fast': {
    comment: `table-header's commonest lines, 2 to ${HEADER_COLUMNS} bare column names (no \`/\` or \`[NAME]\`), in one match with its scopes.`,
    ...headerLine(),
    name: 'meta.table-header.crashlog',
  },
  'table-header': {
    comment:
      'crash table headers: two or more upper-case column names (CACHE OBJSIZE ..., PAGE PHYSICAL ..., FREE / [ALLOCATED]).',
    match: String.raw`\G[ \t]*+((?:[%A-Z][A-Z0-9_%]*+|/|\[[A-Z_]++\])(?:[ \t]++(?:[%A-Z][A-Z0-9_%]*+|/|\[[A-Z_]++\]))++)[ \t]*$`,
    name: 'meta.table-header.crashlog',
    captures: {
      '1': {
        patterns: [
          {
            match: String.raw`[%A-Z][A-Z0-9_%]*+`,
            name: 'keyword.other.column.crashlog',
          },
          {
            match: String.raw`[/\[\]]`,
            name: 'punctuation.separator.column.crashlog',
          },
        ],
      },
    },
  },
  'kmem-allocated-object': {
    match: String.raw`\G[ \t]*+(\[)(\h{8,16})(\])[^\S\n]*+$`,
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'constant.numeric.hex.address.allocated.crashlog',
      3: 'punctuation.definition.end.crashlog',
    }),
  },
  'help-r-cpu': {
    match: String.raw`\G[ \t]*+(CPU)[ \t]++(\d++)(:)[^\S\n]*+$`,
    captures: caps({
      1: 'keyword.other.field.crashlog',
      2: 'constant.numeric.decimal.cpu.crashlog',
      3: 'punctuation.separator.key-value.crashlog',
    }),
  },
  'key-value-line': {
    comment: 'crash sys / kmem task lines: "      KERNEL: vmlinux", "LOAD AVERAGE: ...", "SIZE: 9792".',
    begin: String.raw`\G[ \t]*+([A-Z][A-Z0-9_]*+(?: [A-Z][A-Z0-9_]*+)*+)(:)(?=\s)`,
    end: String.raw`(?=\n)`,
    name: 'meta.key-value.crashlog',
    beginCaptures: caps({ 1: 'keyword.other.key.crashlog', 2: 'punctuation.separator.key-value.crashlog' }),
    patterns: [
      { comment: 'The value in one match (see keyValueRun); the patterns after it go on where it stops.', ...keyValueRun() },
      {
        match: KV_STRING,
        name: 'string.quoted.double.crashlog',
      },
      {
        match: KV_FLAG,
        name: 'keyword.other.flag.crashlog',
      },
      inc('generic-tokens'),
      {
        match: String.raw`${WORD_START}${KV_DECIMAL}`,
        name: 'constant.numeric.decimal.crashlog',
      },
    ],
  },
};
