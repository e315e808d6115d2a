// Hostile transcripts for the property tests (issue 8): real fixtures and corpus
// material mutated the way pasting goes wrong (lines cut, duplicated, interleaved,
// bytes flipped, NUL and invalid UTF-8) plus generated pathologies (huge lines,
// deep struct nesting, frame chains that loop or point anywhere).
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { crashDumps, hasShared, REPO_ROOT, seed, syzkallerReports } from './corpus';

export interface Source {
  name: string;
  text: string;
}

/**
 * Transcripts to mutate: the repository's examples and grammar fixtures, and when
 * ../shared is there the seeds, the crash sessions and every `syzkallerStride`-th
 * syzkaller report (the whole corpus is slow to load for a quick run).
 */
export function fuzzSources(syzkallerStride = 40): Source[] {
  const sources: Source[] = [];
  for (const dir of ['examples', path.join('test', 'grammar')]) {
    const full = path.join(REPO_ROOT, dir);
    if (!existsSync(full)) continue;
    for (const file of readdirSync(full)
      .filter((f) => f.endsWith('.crashlog'))
      .sort()) {
      sources.push({ name: `${dir}/${file}`, text: readFileSync(path.join(full, file), 'utf8') });
    }
  }
  if (!hasShared) return sources;
  for (const prefix of ['000', '001', '002'] as const) sources.push({ name: `seed ${prefix}`, text: seed(prefix) });
  for (const arch of ['x86_64', 'arm64'] as const) {
    for (const dump of crashDumps(arch)) {
      sources.push({ name: `crash-${arch}/${dump.name}`, text: dump.transcript });
      sources.push({ name: `crash-${arch}/${dump.name}.console`, text: dump.console });
    }
  }
  const reports = syzkallerReports().sort((a, b) => a.name.localeCompare(b.name));
  for (let i = 0; i < reports.length; i += Math.max(1, syzkallerStride))
    sources.push({ name: `syzkaller/${reports[i].name}`, text: reports[i].log });
  return sources;
}

const hex16 = (value: bigint) => (value & ((1n << 64n) - 1n)).toString(16).padStart(16, '0');

/** Pieces of generated pathology, spliced into a transcript by the `splice` mutation. */
export const HOSTILE_SNIPPETS: ((value: bigint) => string)[] = [
  // A frame record pointing at itself, a two-record cycle and a record pointing back down.
  (v) => `crash> rd -x ${hex16(v)} 2\n${hex16(v)}:  ${hex16(v)} ffff800008100010\n`,
  (v) => `${hex16(v)}:  ${hex16(v + 16n)} ffffffc008fb9754\n${hex16(v + 16n)}:  ${hex16(v)} ffffffc008fb9754\n`,
  (v) => `${hex16(v + 0x40n)}:  ${hex16(v)} ffffffff81000123\n${hex16(v)}:  ${hex16(v + 0x40n)} ffffffff81000456\n`,
  // bt frames whose slots repeat, go backwards or are misaligned.
  (v) =>
    `PID: 1   TASK: ${hex16(v)}  CPU: 0   COMMAND: "x"\n #0 [${hex16(v)}] a_func at ffffffff81000010\n #1 [${hex16(v)}] b_func at ffffffff81000020\n #2 [${hex16(v - 8n)}] c_func at ffffffff81000030\n #3 [${hex16(v + 3n)}] d_func at ${hex16(v)}\n`,
  // bt -f word lines under a frame, every word the same address.
  (v) =>
    ` #0 [${hex16(v)}] e_func at ffffffff81000040\n    ${hex16(v)}: ${hex16(v)} ${hex16(v)}\n    ${hex16(v + 16n)}: ${hex16(v)} ${hex16(v)}\n`,
  // Register starts that point anywhere.
  (v) => `x29: ${hex16(v)} x28: ${hex16(v ^ 0xffn)} x27: 0000000000000000\nsp : ${hex16(v)}\npc : f_func+0x10/0x20\n`,
  (v) =>
    `RIP: 0010:g_func+0x1d/0x30\nRSP: 0018:${hex16(v)} EFLAGS: 00010246\nRAX: ${hex16(v)} RBX: ${hex16(v)} RCX: 0000000000000000\nRBP: ${hex16(v)} R08: 0 R09: 0\n`,
  // Exception frames and stack switches in odd places.
  (v) =>
    ` #4 [${hex16(v)}] h_func at ffffffff81000050\n    [exception RIP: i_func+${Number(v & 0xffffn)}]\n    RIP: ${hex16(v)}  RSP: ${hex16(v)}  RFLAGS: 00010246\n    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018\n--- <IRQ stack> ---\n`,
  // Disassembly whose calls target anything, including the instruction itself.
  (v) =>
    `crash> dis -l ${hex16(v)}\n0x${hex16(v)} <j_func+0>:\tcallq  0x${hex16(v)} <j_func>\n0x${hex16(v + 5n)} <j_func+5>:\tbl\t0x${hex16(v)} <j_func>\n`,
  // kmem and struct output with overlapping objects.
  (v) =>
    `crash> kmem ${hex16(v)}\nCACHE             OBJSIZE  ALLOCATED     TOTAL  SLABS  SSIZE  NAME\n${hex16(v)}      ${Number(v & 0xfffn)}       1        16      1     4k  TCP\n  FREE / [ALLOCATED]\n  [${hex16(v)}]\n`,
  // Console call traces with impossible offsets.
  (v) =>
    `Call Trace:\n <IRQ>\n ? k_func+0x${(v & 0xffffn).toString(16)}/0x10\n [<${hex16(v)}>] l_func+0x0/0x0 [mod]\n </IRQ>\n---[ end trace ${hex16(v)} ]---\n`,
  // A struct listing nested far deeper than crash ever prints.
  (v) => deepStruct(Number(v % 300n) + 50),
  // Markdown around it all.
  () => '```crash\n# heading\n~~~\n<details>\n',
];

/** `struct deep -o` with `depth` anonymous structs inside each other (indentation capped so size stays linear). */
export function deepStruct(depth: number): string {
  const indent = (level: number) => '  '.repeat(Math.min(level, 16));
  const lines = ['crash> struct deep -o', 'struct deep {'];
  for (let i = 0; i < depth; i++) lines.push(`${indent(i + 1)}[${i * 8}] struct {`);
  lines.push(`${indent(depth + 1)}[${depth * 8}] unsigned long leaf;`);
  for (let i = depth - 1; i >= 0; i--) lines.push(`${indent(i + 1)}} level${i};`);
  lines.push('}', `SIZE: ${depth * 8 + 8}`);
  return lines.join('\n') + '\n';
}

/** Positions are fractions of the text (0..1 in 1/65536 steps), so one mutation fits any source. */
type Fraction = number;
const fraction = fc.integer({ min: 0, max: 0xffff }).map((n) => n / 0x10000);

export type Mutation =
  | { kind: 'cut'; at: Fraction; count: number }
  | { kind: 'duplicate'; at: Fraction; count: number; to: Fraction }
  | { kind: 'interleave'; other: number; at: Fraction; every: number }
  | { kind: 'truncateLine'; at: Fraction; keep: Fraction }
  | { kind: 'flipBit'; at: Fraction; bit: number }
  | { kind: 'insertBytes'; at: Fraction; bytes: number[] }
  | { kind: 'loneSurrogate'; at: Fraction; code: number }
  | { kind: 'retarget'; at: Fraction; value: bigint }
  | { kind: 'splice'; at: Fraction; snippet: number; value: bigint }
  | { kind: 'longLine'; at: Fraction; length: number }
  | { kind: 'lineEndings'; style: 'crlf' | 'cr' | 'none' };

/** Values a chain may point at: anywhere at all, near a word of the transcript, or a classic bad value. */
export const anyAddress = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.constantFrom(0n, 1n, 8n, 0x10n, (1n << 64n) - 1n, 0xdead000000000100n, 0x6b6b6b6b6b6b6b6bn, 0xffffffffffff4111n),
  fc
    .tuple(
      fc.constantFrom(0xffffc90000013000n, 0xffffa269e37dba90n, 0xffffffc0427f33b0n, 0xffff800008100000n, 0xffffffff81000000n),
      fc.integer({ min: -0x400, max: 0x400 }),
    )
    .map(([base, delta]) => base + BigInt(delta)),
);

export function mutationArbitrary(sourceCount: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fraction, count: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fraction, count: fc.integer({ min: 1, max: 40 }), to: fraction }),
    fc.record({
      kind: fc.constant('interleave' as const),
      other: fc.nat({ max: Math.max(0, sourceCount - 1) }),
      at: fraction,
      every: fc.integer({ min: 1, max: 4 }),
    }),
    fc.record({ kind: fc.constant('truncateLine' as const), at: fraction, keep: fraction }),
    fc.record({ kind: fc.constant('flipBit' as const), at: fraction, bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({
      kind: fc.constant('insertBytes' as const),
      at: fraction,
      bytes: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0, max: 0xff })), {
        minLength: 1,
        maxLength: 8,
      }),
    }),
    fc.record({ kind: fc.constant('loneSurrogate' as const), at: fraction, code: fc.integer({ min: 0xd800, max: 0xdfff }) }),
    fc.record({ kind: fc.constant('retarget' as const), at: fraction, value: anyAddress }),
    fc.record({
      kind: fc.constant('splice' as const),
      at: fraction,
      snippet: fc.nat({ max: HOSTILE_SNIPPETS.length - 1 }),
      value: anyAddress,
    }),
    fc.record({ kind: fc.constant('longLine' as const), at: fraction, length: fc.integer({ min: 1000, max: 30000 }) }),
    fc.record({
      kind: fc.constant('lineEndings' as const),
      style: fc.constantFrom('crlf' as const, 'cr' as const, 'none' as const),
    }),
  );
}

const index = (at: Fraction, length: number) => Math.min(length - 1, Math.max(0, Math.floor(at * length)));
const HEX_WORD = /\b(?:0x)?[0-9a-f]{8,16}\b/g;

/** Applies a mutation; the editor decodes invalid UTF-8 to U+FFFD, so byte mutations do too. */
export function applyMutation(text: string, mutation: Mutation, sources: readonly Source[]): string {
  switch (mutation.kind) {
    case 'cut': {
      const lines = text.split('\n');
      lines.splice(index(mutation.at, lines.length), mutation.count);
      return lines.join('\n');
    }
    case 'duplicate': {
      const lines = text.split('\n');
      const from = index(mutation.at, lines.length);
      lines.splice(index(mutation.to, lines.length), 0, ...lines.slice(from, from + mutation.count));
      return lines.join('\n');
    }
    case 'interleave': {
      // Two CPUs printing at once: the other transcript's lines slotted between ours.
      const lines = text.split('\n');
      const other = (sources[mutation.other]?.text ?? text).split('\n');
      const start = index(mutation.at, lines.length);
      const out = lines.slice(0, start);
      let k = 0;
      for (let i = start; i < lines.length; i++) {
        out.push(lines[i]);
        if ((i - start) % mutation.every === 0 && k < other.length) out.push(other[k++]);
      }
      return out.join('\n');
    }
    case 'truncateLine': {
      const lines = text.split('\n');
      const i = index(mutation.at, lines.length);
      lines[i] = lines[i].slice(0, Math.floor(mutation.keep * lines[i].length));
      return lines.join('\n');
    }
    case 'flipBit': {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      bytes[index(mutation.at, bytes.length)] ^= 1 << mutation.bit;
      return bytes.toString('utf8');
    }
    case 'insertBytes': {
      const bytes = Buffer.from(text, 'utf8');
      const at = index(mutation.at, bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(mutation.bytes), bytes.subarray(at)]).toString('utf8');
    }
    case 'loneSurrogate': {
      const at = index(mutation.at, text.length + 1);
      return text.slice(0, at) + String.fromCharCode(mutation.code) + text.slice(at);
    }
    case 'retarget': {
      // One hex word of the transcript now points anywhere (a stack word, a saved fp, a frame slot).
      const words = [...text.matchAll(HEX_WORD)];
      if (words.length === 0) return text;
      const word = words[index(mutation.at, words.length)];
      const replacement =
        (word[0].startsWith('0x') ? '0x' : '') + hex16(mutation.value).slice(-word[0].replace(/^0x/, '').length);
      return text.slice(0, word.index) + replacement + text.slice(word.index + word[0].length);
    }
    case 'splice': {
      const lines = text.split('\n');
      lines.splice(
        index(mutation.at, lines.length + 1),
        0,
        HOSTILE_SNIPPETS[mutation.snippet](mutation.value).replace(/\n$/, ''),
      );
      return lines.join('\n');
    }
    case 'longLine': {
      const lines = text.split('\n');
      const i = index(mutation.at, lines.length);
      const line = lines[i] || 'ffffffff81000123 ';
      lines[i] = line.repeat(Math.ceil(mutation.length / line.length)).slice(0, mutation.length);
      return lines.join('\n');
    }
    case 'lineEndings':
      return mutation.style === 'crlf'
        ? text.replace(/\n/g, '\r\n')
        : mutation.style === 'cr'
          ? text.replace(/\n/g, '\r')
          : text.replace(/\n/g, ' ');
  }
}

/** A source (by index) and mutations applied in order; small to print, shrinks to fewer mutations. */
export interface MutationCase {
  source: number;
  mutations: Mutation[];
}

export function mutationCase(sources: readonly Source[], maxMutations = 6): fc.Arbitrary<MutationCase> {
  return fc.record({
    source: fc.nat({ max: sources.length - 1 }),
    mutations: fc.array(mutationArbitrary(sources.length), { minLength: 1, maxLength: maxMutations }),
  });
}

export function buildCase(c: MutationCase, sources: readonly Source[]): string {
  return c.mutations.reduce((text, m) => applyMutation(text, m, sources), sources[c.source].text);
}

/** Transcripts built from nothing: random lines mixing transcript shapes and noise. */
export function randomTranscript(): fc.Arbitrary<string> {
  const line = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.tuple(fc.nat({ max: HOSTILE_SNIPPETS.length - 1 }), anyAddress).map(([i, v]) => HOSTILE_SNIPPETS[i](v).replace(/\n$/, '')),
    fc.tuple(anyAddress, anyAddress, anyAddress).map(([a, b, c]) => `${hex16(a)}:  ${hex16(b)} ${hex16(c)}`),
    fc.constantFrom(
      'crash> bt -f',
      'crash> rd -x',
      'Call Trace:',
      'Call trace:',
      '</IRQ>',
      '<TASK>',
      '```',
      '',
      '}',
      'struct x {',
      '--- <IRQ stack> ---',
    ),
  );
  return fc.array(line, { maxLength: 60 }).map((lines) => lines.join('\n'));
}

export function describeCase(c: MutationCase, sources: readonly Source[]): string {
  return `${sources[c.source].name} ${JSON.stringify(c.mutations, (_, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))}`;
}

/**
 * A stack dump whose words are drawn from a handful of addresses, so saved frame
 * pointers and return addresses collide: chains loop, go backwards, leave the stack
 * or land on pt_regs-looking words. Comes with a `dis` listing of prologues and calls
 * (x86_64) and `bl`s (arm64) so every walker method gets exercised.
 */
export interface FrameChainCase {
  arch: 'x86_64' | 'arm64';
  words: bigint[];
  start: bigint;
}

const CHAIN_STACK: Record<FrameChainCase['arch'], bigint> = { x86_64: 0xffffc90000013000n, arm64: 0xffff80000800b000n };
const CHAIN_TEXT: Record<FrameChainCase['arch'], bigint> = { x86_64: 0xffffffff81000000n, arm64: 0xffff800008100000n };
const CHAIN_WORDS = 64;

export function frameChainCase(): fc.Arbitrary<FrameChainCase> {
  return fc.constantFrom('x86_64' as const, 'arm64' as const).chain((arch) => {
    const stack = CHAIN_STACK[arch];
    const text = CHAIN_TEXT[arch];
    const word = fc.oneof(
      { weight: 5, arbitrary: fc.nat({ max: CHAIN_WORDS - 1 }).map((i) => stack + 0x3e00n + BigInt(i) * 8n) },
      { weight: 4, arbitrary: fc.nat({ max: 0x7f }).map((i) => text + BigInt(i)) },
      { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 0x10n, 0x18n, 0x246n, stack + 0x3e01n) },
      { weight: 1, arbitrary: anyAddress },
    );
    return fc.record({
      arch: fc.constant(arch),
      words: fc.array(word, { minLength: CHAIN_WORDS, maxLength: CHAIN_WORDS }),
      start: fc.oneof(
        word,
        fc.nat({ max: CHAIN_WORDS - 1 }).map((i) => stack + 0x3e00n + BigInt(i) * 8n),
      ),
    });
  });
}

export function frameChainTranscript(c: FrameChainCase): string {
  const stack = CHAIN_STACK[c.arch];
  const text = CHAIN_TEXT[c.arch];
  const lines: string[] = [];
  if (c.arch === 'x86_64') {
    lines.push('crash> dis -l ffffffff81000000 32');
    // Two functions with prologues; calls land right before text+0x0d and text+0x4d (return addresses).
    lines.push(
      `0x${hex16(text)} <a_func>:\tpush   %rbp`,
      `0x${hex16(text + 1n)} <a_func+1>:\tmov    %rsp,%rbp`,
      `0x${hex16(text + 4n)} <a_func+4>:\tsub    $0x18,%rsp`,
      `0x${hex16(text + 8n)} <a_func+8>:\tcallq  0x${hex16(text + 0x40n)} <b_func>`,
      `0x${hex16(text + 0x0dn)} <a_func+13>:\tleaveq`,
      `0x${hex16(text + 0x40n)} <b_func>:\tpush   %rbx`,
      `0x${hex16(text + 0x41n)} <b_func+1>:\tsub    $0x8,%rsp`,
      `0x${hex16(text + 0x48n)} <b_func+8>:\tcallq  0x${hex16(text)} <a_func>`,
      `0x${hex16(text + 0x4dn)} <b_func+13>:\tpop    %rbx`,
    );
    lines.push(
      `PID: 7   TASK: ffff888100004000  CPU: 0   COMMAND: "loop"`,
      ` #0 [${hex16(stack + 0x3e00n)}] a_func at ${hex16(text + 0x0dn)}`,
      ` #1 [${hex16(stack + 0x3e40n)}] b_func at ${hex16(text + 0x4dn)}`,
      `    RIP: ${hex16(text + 0x0dn)}  RSP: ${hex16(c.start)}  RFLAGS: 00000246`,
      `    RBP: ${hex16(c.start)}  RAX: 0000000000000000  RBX: 0000000000000000`,
    );
  } else {
    lines.push(
      `0x${hex16(text)} <a_func>:\tstp\tx29, x30, [sp,#-32]!`,
      `0x${hex16(text + 4n)} <a_func+4>:\tmov\tx29, sp`,
      `0x${hex16(text + 8n)} <a_func+8>:\tbl\t0x${hex16(text + 0x40n)} <b_func>`,
      `0x${hex16(text + 0x0cn)} <a_func+12>:\tldp\tx29, x30, [sp],#32`,
      `0x${hex16(text + 0x40n)} <b_func>:\tstp\tx29, x30, [sp,#-16]!`,
      `0x${hex16(text + 0x44n)} <b_func+4>:\tbl\t0x${hex16(text)} <a_func>`,
    );
    lines.push(
      `x29: ${hex16(c.start)} x28: 0000000000000000 x27: 0000000000000000`,
      `sp : ${hex16(c.start)}`,
      'pc : a_func+0xc/0x40',
    );
  }
  lines.push(`crash> rd -x ${hex16(stack + 0x3e00n)} ${CHAIN_WORDS}`);
  for (let i = 0; i < c.words.length; i += 2)
    lines.push(`${hex16(stack + 0x3e00n + BigInt(i) * 8n)}:  ${hex16(c.words[i])} ${hex16(c.words[i + 1] ?? 0n)}`);
  return lines.join('\n') + '\n';
}
