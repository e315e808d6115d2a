// Which architecture a transcript is: every registered architecture scores the same
// evidence (register lines, instructions, text addresses); the best score wins when
// it beats every other and every architecture not modelled yet (./unmodelled, and those
// read without a model, ./readonly), else the transcript does not settle it (`unknown`).
// Scores are kept per line (as the id of the line's score vector) so that re-analysis after an
// edit keeps those of untouched lines.
// Evidence repeats (a transcript names the same registers and text areas thousands of times):
// each distinct register name, mnemonic and text-address prefix is scored by every scorer only once.
import { ARCH_IDS, ARCH_SPECS, type ArchId } from './registry';
import { READ_ONLY_ARCHS } from './readonly';
import { TEXT_EVIDENCE_DIGITS, type ArchEvidence as Scorer, type FrameShape } from './types';
import { UNMODELLED } from './unmodelled';

/** Architectures scored beside the registered ones, in scorer order after them. */
const OTHERS: readonly { name: string; evidence: Scorer }[] = [...UNMODELLED, ...READ_ONLY_ARCHS];

/** Distinct register names, mnemonics or address prefixes remembered (by every model: see Scoring); a transcript has a few dozen. */
const MEMO_LIMIT = 4096;

/**
 * Per-line evidence: each line holds the id of its score vector (one score per scorer), 0 for
 * none. Lines repeat a few combinations of evidence thousands of times, so a line costs two bytes
 * where a score per scorer cost one per scorer, and adding evidence to it is one write.
 */
export class ArchEvidence {
  readonly lineVectors: Uint16Array;
  /** Registered architectures first (index = ARCH_IDS index), then the unmodelled ones. */
  private readonly scorers: readonly Scorer[];
  private readonly count: number;
  private readonly vectors: ScoreVectors;
  /** The scorers that read an instruction's operands: every instruction line asks them. */
  private readonly operandScorers: readonly number[];
  private readonly registerMemo: Map<string, number>;
  private readonly mnemonicMemo: Map<string, number>;
  /** The scorers that read trace functions; asked on every frame without a memo (names are many, each scorer one Set lookup). */
  private readonly functionScorers: readonly number[];
  /** The scorers that read report lines; asked on every line of a console report. */
  private readonly reportLineScorers: readonly number[];
  private readonly machineScorers: ReadonlyMap<string, number>;
  private readonly text32Memo: Map<string, number>;
  private readonly shapeMemo: Map<FrameShape, number>;
  private readonly textScores: PrefixScores;
  private readonly traceScores: PrefixScores;
  private readonly moduleTraceScores: PrefixScores;
  private readonly stackScores: PrefixScores;
  /**
   * How many lines hold each vector id, kept as lines are scored (a scan of every line cost more
   * than the scoring); undefined once lines are copied from another version, until totals() counts.
   * A typed array: a fresh `[]` per model changed its elements kind as ids went past its end, and
   * `add`, compiled for the previous model's array, deoptimised once per analysis.
   */
  private lineCounts: Int32Array | undefined = new Int32Array(64);

  constructor(readonly lineCount: number) {
    this.lineVectors = new Uint16Array(lineCount);
    ({
      scorers: this.scorers,
      vectors: this.vectors,
      operandScorers: this.operandScorers,
      functionScorers: this.functionScorers,
      reportLineScorers: this.reportLineScorers,
      machineScorers: this.machineScorers,
      registerMemo: this.registerMemo,
      mnemonicMemo: this.mnemonicMemo,
      text32Memo: this.text32Memo,
      shapeMemo: this.shapeMemo,
      textScores: this.textScores,
      traceScores: this.traceScores,
      moduleTraceScores: this.moduleTraceScores,
      stackScores: this.stackScores,
    } = sharedScoring());
    this.count = this.scorers.length;
  }

  registerLine(line: number, firstName: string): void {
    let vector = this.registerMemo.get(firstName);
    if (vector === undefined) {
      vector = vectorOf(this.scorers, this.vectors, (scorer) => scorer.registerLine(firstName));
      remember(this.registerMemo, firstName, vector);
    }
    this.add(line, vector);
  }

  instruction(line: number, mnemonic: string, text: string, operandsAt: number): void {
    let vector = this.mnemonicMemo.get(mnemonic);
    if (vector === undefined) {
      vector = vectorOf(this.scorers, this.vectors, (scorer) => scorer.mnemonic?.(mnemonic) ?? 0);
      remember(this.mnemonicMemo, mnemonic, vector);
    }
    this.add(line, vector);
    for (const a of this.operandScorers) {
      const score = this.scorers[a].instruction!(mnemonic, text, operandsAt);
      if (score !== 0) this.add(line, this.vectors.single(a, score));
    }
  }

  textAddress(line: number, hex: string): void {
    if (hex.length === 16) this.add(line, this.textScores.of(hex));
    else if (hex.length === 8) {
      let vector = this.text32Memo.get(hex);
      if (vector === undefined) {
        vector = vectorOf(this.scorers, this.vectors, (scorer) => scorer.textAddress32?.(hex) ?? 0);
        remember(this.text32Memo, hex, vector);
      }
      this.add(line, vector);
    }
  }

  /** An address of a console call trace (ArchEvidence.traceAddress); a 32-bit kernel's 8 digits are its text (textAddress32). */
  traceAddress(line: number, hex: string, inModule: boolean): void {
    if (hex.length === 16) this.add(line, (inModule ? this.moduleTraceScores : this.traceScores).of(hex));
    else if (hex.length === 8) this.textAddress(line, hex);
  }

  /** A line of a console report (ArchEvidence.reportLine). */
  reportLine(line: number, text: string): void {
    for (const a of this.reportLineScorers) {
      const score = this.scorers[a].reportLine!(text);
      if (score !== 0) this.add(line, this.vectors.single(a, score));
    }
  }

  /** A function a console call trace names (ArchEvidence.traceFunction). */
  traceFunction(line: number, name: string, doubtful: boolean): void {
    for (const a of this.functionScorers) {
      const score = this.scorers[a].traceFunction!(name, doubtful);
      if (score !== 0) this.add(line, this.vectors.single(a, score));
    }
  }

  /** A stack slot or task address (ArchEvidence.stackAddress). */
  stackAddress(line: number, hex: string): void {
    if (hex.length === 16) this.add(line, this.stackScores.of(hex));
  }

  /**
   * The machine the transcript names (crash's `MACHINE:`, a release's suffix): all but settles it,
   * one line's most, which only much evidence of another architecture outweighs.
   */
  machineName(line: number, name: string): void {
    const scorer = this.machineScorers.get(name.toLowerCase());
    if (scorer !== undefined) this.add(line, this.vectors.single(scorer, MAX_SCORE));
  }

  /** A bt frame printed in a shape of some architectures only (ArchEvidence.frameShape). */
  frameShape(line: number, shape: FrameShape): void {
    let vector = this.shapeMemo.get(shape);
    if (vector === undefined) {
      vector = vectorOf(this.scorers, this.vectors, (scorer) => scorer.frameShape?.(shape) ?? 0);
      this.shapeMemo.set(shape, vector);
    }
    this.add(line, vector);
  }

  private add(line: number, vector: number): void {
    if (vector === 0) return;
    const before = this.lineVectors[line];
    const after = before === 0 ? vector : this.vectors.plus(before, vector);
    if (after === before) return;
    this.lineVectors[line] = after;
    let counts = this.lineCounts;
    if (counts) {
      if (after >= counts.length) counts = this.lineCounts = grown(counts, after);
      if (before !== 0) counts[before]--;
      counts[after]++;
    }
  }

  /** Copies the evidence of lines [start, end) from an earlier version of the same lines, `shift` lines further down. */
  copyFrom(previous: ArchEvidence, start: number, end: number, shift = 0): void {
    this.lineVectors.set(previous.lineVectors.subarray(start, end), start + shift);
    this.lineCounts = undefined;
  }

  /**
   * What the evidence settles: the registered architecture whose evidence beats every other's
   * (modelled or not), else undefined and, when one beats every other, the architecture not modelled.
   */
  verdict(): { arch: ArchId | undefined; unmodelled: string | undefined } {
    const totals = this.totals();
    const best = this.leader(totals, 0, ARCH_IDS.length);
    if (best >= 0) return { arch: ARCH_IDS[best], unmodelled: undefined };
    const other = this.leader(totals, ARCH_IDS.length, this.count);
    return { arch: undefined, unmodelled: other < 0 ? undefined : OTHERS[other - ARCH_IDS.length].name };
  }

  private totals(): number[] {
    let counts = this.lineCounts;
    if (!counts) {
      counts = new Int32Array(64);
      for (const vector of this.lineVectors) {
        if (vector === 0) continue;
        if (vector >= counts.length) counts = grown(counts, vector);
        counts[vector]++;
      }
      this.lineCounts = counts;
    }
    const totals = new Array<number>(this.count).fill(0);
    counts.forEach((lines, vector) => {
      if (lines === 0) return;
      for (let a = 0; a < this.count; a++) totals[a] += lines * this.vectors.score(vector, a);
    });
    return totals;
  }

  /** The scorer in [from, to) with evidence that beats every scorer's, or −1. */
  private leader(totals: number[], from: number, to: number): number {
    let best = -1;
    for (let a = from; a < to; a++) if (totals[a] > 0 && (best < 0 || totals[a] > totals[best])) best = a;
    if (best < 0) return -1;
    for (let a = 0; a < this.count; a++) if (a !== best && totals[a] >= totals[best]) return -1;
    return best;
  }
}

/** A line's score for one architecture stays within ±127 (as when lines kept a byte per scorer). */
const MAX_SCORE = 127;
const MIN_SCORE = -MAX_SCORE;
/** Ids fit a line's two bytes; 0 is the vector of no evidence. */
const MAX_VECTORS = 0x10000;

/**
 * Distinct score vectors, one id each. Shared by every model, so that equal evidence has equal ids
 * in every version of a document and a re-analysis copies lines as they are. A transcript shows a
 * few dozen combinations; past MAX_VECTORS a new combination adds nothing to its line.
 */
class ScoreVectors {
  private scores: Int8Array;
  private size = 1;
  private readonly ids = new Map<string, number>();
  /** The id of a + b by a · 2¹⁶ + b. */
  private readonly sums = new Map<number, number>();
  /** The id of one scorer's score alone by scorer · 2⁸ + score. */
  private readonly singles = new Map<number, number>();

  constructor(private readonly width: number) {
    this.scores = new Int8Array(width * 64);
    this.ids.set(new Array<number>(width).fill(0).join(','), 0);
  }

  score(vector: number, scorer: number): number {
    return this.scores[vector * this.width + scorer];
  }

  /** The id of a vector of scores, −1 when it is new and the table full. */
  of(scores: readonly number[]): number {
    const clamped = scores.map((points) => Math.min(MAX_SCORE, Math.max(MIN_SCORE, points)));
    const key = clamped.join(',');
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    if (this.size === MAX_VECTORS) return -1;
    const id = this.size++;
    if (id * this.width >= this.scores.length) {
      const grown = new Int8Array(this.scores.length * 2);
      grown.set(this.scores);
      this.scores = grown;
    }
    this.scores.set(clamped, id * this.width);
    this.ids.set(key, id);
    return id;
  }

  plus(a: number, b: number): number {
    const key = a * 0x10000 + b;
    let sum = this.sums.get(key);
    if (sum === undefined) {
      const scores: number[] = [];
      for (let k = 0; k < this.width; k++) scores.push(this.score(a, k) + this.score(b, k));
      sum = this.of(scores);
      if (sum < 0) sum = a;
      this.sums.set(key, sum);
    }
    return sum;
  }

  single(scorer: number, score: number): number {
    const clamped = Math.min(MAX_SCORE, Math.max(MIN_SCORE, score));
    const key = scorer * 0x100 + clamped - MIN_SCORE;
    let id = this.singles.get(key);
    if (id === undefined) {
      const scores = new Array<number>(this.width).fill(0);
      scores[scorer] = clamped;
      this.singles.set(key, (id = Math.max(0, this.of(scores))));
    }
    return id;
  }
}

/** The id of every scorer's score of one piece of evidence. */
function vectorOf(scorers: readonly Scorer[], vectors: ScoreVectors, score: (scorer: Scorer) => number): number {
  return Math.max(0, vectors.of(scorers.map(score)));
}

/**
 * The scorers and what they said of each piece of evidence seen so far. Scores depend on nothing
 * but the evidence, so every model shares them (equal evidence has equal ids in every version of a
 * document), and a model's first address does not start an empty memo: the path that fills it then
 * runs once per process, not once per analysis with no type feedback in code optimised before.
 */
interface Scoring {
  scorers: readonly Scorer[];
  vectors: ScoreVectors;
  operandScorers: readonly number[];
  functionScorers: readonly number[];
  reportLineScorers: readonly number[];
  /** Lower-case machine name → scorer (ArchEvidence.machines). */
  machineScorers: ReadonlyMap<string, number>;
  registerMemo: Map<string, number>;
  mnemonicMemo: Map<string, number>;
  text32Memo: Map<string, number>;
  shapeMemo: Map<FrameShape, number>;
  textScores: PrefixScores;
  traceScores: PrefixScores;
  moduleTraceScores: PrefixScores;
  stackScores: PrefixScores;
}

let scoring: Scoring | undefined;

/** Made when the first model is built: the registry and this module import each other's neighbours. */
function sharedScoring(): Scoring {
  if (scoring) return scoring;
  const scorers: readonly Scorer[] = [...ARCH_SPECS.map((s) => s.evidence), ...OTHERS.map((u) => u.evidence)];
  const vectors = new ScoreVectors(scorers.length);
  return (scoring = {
    scorers,
    vectors,
    operandScorers: scorers.flatMap((scorer, a) => (scorer.instruction ? [a] : [])),
    functionScorers: scorers.flatMap((scorer, a) => (scorer.traceFunction ? [a] : [])),
    reportLineScorers: scorers.flatMap((scorer, a) => (scorer.reportLine ? [a] : [])),
    machineScorers: machineScorers(scorers),
    registerMemo: new Map(),
    mnemonicMemo: new Map(),
    text32Memo: new Map(),
    shapeMemo: new Map(),
    textScores: new PrefixScores((hex) => vectorOf(scorers, vectors, (scorer) => scorer.textAddress(hex))),
    traceScores: new PrefixScores((hex) => vectorOf(scorers, vectors, (scorer) => scorer.traceAddress?.(hex, false) ?? 0)),
    moduleTraceScores: new PrefixScores((hex) => vectorOf(scorers, vectors, (scorer) => scorer.traceAddress?.(hex, true) ?? 0)),
    stackScores: new PrefixScores((hex) => vectorOf(scorers, vectors, (scorer) => scorer.stackAddress?.(hex) ?? 0)),
  });
}

/** Whether a transcript naming its machine so names an architecture known here (ArchEvidence.machines). */
export function isMachineName(name: string): boolean {
  return sharedScoring().machineScorers.has(name.toLowerCase());
}

/** Each machine name's scorer: a registered architecture's id and aliases, and every scorer's `machines`. */
function machineScorers(scorers: readonly Scorer[]): Map<string, number> {
  const byName = new Map<string, number>();
  ARCH_SPECS.forEach((spec, a) => [spec.id, ...spec.aliases].forEach((name) => byName.set(name, a)));
  scorers.forEach((scorer, a) => scorer.machines?.forEach((name) => byName.set(name, a)));
  return byName;
}

/**
 * Vector ids of 16-digit addresses by their first TEXT_EVIDENCE_DIGITS digits, all a scorer reads:
 * the last prefix is tried first (neighbouring frames share it), then a memo of those seen.
 */
class PrefixScores {
  private readonly memo = new Map<string, number>();
  private lastPrefix = '';
  private lastVector = 0;

  constructor(private readonly score: (hex: string) => number) {}

  of(hex: string): number {
    // The prefix copied out and compared whole: the address is a slice of its line, whose characters
    // read one by one cost ~10x more, and a startsWith on it twice what the copy and compare do.
    const prefix = hex.slice(0, TEXT_EVIDENCE_DIGITS);
    if (prefix === this.lastPrefix) return this.lastVector;
    let vector = this.memo.get(prefix);
    if (vector === undefined) {
      vector = this.score(hex);
      remember(this.memo, prefix, vector);
    }
    this.lastPrefix = prefix;
    this.lastVector = vector;
    return vector;
  }
}

/** A copy of a count per vector id with room for `id`. */
function grown(counts: Int32Array, id: number): Int32Array {
  const larger = new Int32Array(Math.max(counts.length * 2, id + 1));
  larger.set(counts);
  return larger;
}

function remember(memo: Map<string, number>, key: string, vector: number): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, vector);
}
