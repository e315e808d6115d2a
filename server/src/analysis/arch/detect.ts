// Which architecture a transcript is: every registered architecture scores the same
// evidence (register lines, instructions, text addresses); the best score wins when
// it beats every other and every architecture not modelled yet (./unmodelled, and those
// read without a model, ./readonly), else the transcript does not settle it (`unknown`).
// Scores are kept per line so that re-analysis after an edit keeps those of untouched lines.
// Evidence repeats (a transcript names the same registers and text areas thousands of times):
// each distinct register name, mnemonic and text-address prefix is scored by every scorer only once.
import { ARCH_IDS, ARCH_SPECS, type ArchId } from './registry';
import { READ_ONLY_ARCHS } from './readonly';
import { TEXT_EVIDENCE_DIGITS, type ArchEvidence as Scorer } from './types';
import { UNMODELLED } from './unmodelled';

/** Architectures scored beside the registered ones, in scorer order after them. */
const OTHERS: readonly { name: string; evidence: Scorer }[] = [...UNMODELLED, ...READ_ONLY_ARCHS];

const MAX = 127;

/** The scores one piece of evidence gives, as (scorer, score) pairs of the scorers that score it. */
type Scores = readonly number[];

const NONE: Scores = [];
/** Distinct register names or address prefixes remembered per model; a transcript has a few dozen. */
const MEMO_LIMIT = 4096;

/** Per-line evidence: one score per registered architecture on each line. */
export class ArchEvidence {
  readonly scores: Int8Array;
  /** Registered architectures first (index = ARCH_IDS index), then the unmodelled ones. Read when the first model is built: the registry and this module import each other's neighbours. */
  private readonly scorers: Scorer[] = [...ARCH_SPECS.map((s) => s.evidence), ...OTHERS.map((u) => u.evidence)];
  private readonly count = this.scorers.length;
  /** The scorers that read an instruction's operands: every instruction line asks them. */
  private readonly operandScorers = this.scorers.flatMap((scorer, a) => (scorer.instruction ? [a] : []));
  private readonly registerMemo = new Map<string, Scores>();
  private readonly mnemonicMemo = new Map<string, Scores>();
  /** The scorers that read trace functions; asked on every frame without a memo (names are many, each scorer one Set lookup). */
  private readonly functionScorers = this.scorers.flatMap((scorer, a) => (scorer.traceFunction ? [a] : []));
  private readonly textScores = new PrefixScores((hex) => this.scoresOf((scorer) => scorer.textAddress(hex)));
  private readonly traceScores = new PrefixScores((hex) => this.scoresOf((scorer) => scorer.traceAddress?.(hex) ?? 0));
  /**
   * The sums of every line's scores, kept as lines are scored (a scan of every line cost more than the
   * scoring); undefined once lines are copied from another version, until totals() sums them again.
   */
  private sums: number[] | undefined = new Array<number>(this.count).fill(0);

  constructor(readonly lineCount: number) {
    // Whole 32-bit words, so that totals() skips four zero scores at a time.
    this.scores = new Int8Array(Math.ceil((lineCount * this.count) / 4) * 4);
  }

  registerLine(line: number, firstName: string): void {
    let scores = this.registerMemo.get(firstName);
    if (scores === undefined) {
      scores = this.scoresOf((scorer) => scorer.registerLine(firstName));
      remember(this.registerMemo, firstName, scores);
    }
    this.addAll(line, scores);
  }

  instruction(line: number, mnemonic: string, text: string, operandsAt: number): void {
    let scores = this.mnemonicMemo.get(mnemonic);
    if (scores === undefined) {
      scores = this.scoresOf((scorer) => scorer.mnemonic?.(mnemonic) ?? 0);
      remember(this.mnemonicMemo, mnemonic, scores);
    }
    this.addAll(line, scores);
    for (const a of this.operandScorers) this.add(line, a, this.scorers[a].instruction!(mnemonic, text, operandsAt));
  }

  textAddress(line: number, hex: string): void {
    if (hex.length === 16) this.addAll(line, this.textScores.of(hex));
    else if (hex.length === 8) for (let a = 0; a < this.count; a++) this.add(line, a, this.scorers[a].textAddress32?.(hex) ?? 0);
  }

  /** A 16-digit address of a console call trace (ArchEvidence.traceAddress). */
  traceAddress(line: number, hex: string): void {
    if (hex.length === 16) this.addAll(line, this.traceScores.of(hex));
  }

  /** A function a console call trace names (ArchEvidence.traceFunction). */
  traceFunction(line: number, name: string): void {
    for (const a of this.functionScorers) this.add(line, a, this.scorers[a].traceFunction!(name));
  }

  private scoresOf(score: (scorer: Scorer) => number): Scores {
    const scores: number[] = [];
    for (let a = 0; a < this.count; a++) {
      const points = score(this.scorers[a]);
      if (points !== 0) scores.push(a, points);
    }
    return scores.length > 0 ? scores : NONE;
  }

  private addAll(line: number, scores: Scores): void {
    for (let k = 0; k < scores.length; k += 2) this.add(line, scores[k], scores[k + 1]);
  }

  /** Copies the scores of lines [start, end) from an earlier version of the same lines, `shift` lines further down. */
  copyFrom(previous: ArchEvidence, start: number, end: number, shift = 0): void {
    this.scores.set(previous.scores.subarray(start * this.count, end * this.count), (start + shift) * this.count);
    this.sums = undefined;
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
    if (this.sums) return this.sums;
    const count = this.count;
    const totals = new Array<number>(count).fill(0);
    const scores = this.scores;
    // Most lines carry no evidence: whole zero words are skipped.
    const words = new Int32Array(scores.buffer, scores.byteOffset, scores.length / 4);
    for (let w = 0; w < words.length; w++) {
      if (words[w] === 0) continue;
      for (let i = w * 4; i < w * 4 + 4; i++) if (scores[i] !== 0) totals[i % count] += scores[i];
    }
    this.sums = totals;
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

  private add(line: number, arch: number, score: number): void {
    if (score === 0) return;
    const i = line * this.count + arch;
    const before = this.scores[i];
    const sum = before + score;
    this.scores[i] = sum > MAX ? MAX : sum < -MAX ? -MAX : sum;
    if (this.sums) this.sums[arch] += this.scores[i] - before;
  }
}

/**
 * Scores of 16-digit addresses by their first TEXT_EVIDENCE_DIGITS digits, all a scorer reads: the
 * last prefix is tried first (neighbouring frames share it), then a memo of those seen.
 */
class PrefixScores {
  private readonly memo = new Map<string, Scores>();
  private lastPrefix = '';
  private lastScores = NONE;

  constructor(private readonly score: (hex: string) => Scores) {}

  of(hex: string): Scores {
    // One startsWith: the address is a slice of its line, whose characters read one by one cost ~10x more.
    if (this.lastPrefix !== '' && hex.startsWith(this.lastPrefix)) return this.lastScores;
    const prefix = hex.slice(0, TEXT_EVIDENCE_DIGITS);
    let scores = this.memo.get(prefix);
    if (scores === undefined) {
      scores = this.score(hex);
      remember(this.memo, prefix, scores);
    }
    this.lastPrefix = prefix;
    this.lastScores = scores;
    return scores;
  }
}

function remember(memo: Map<string, Scores>, key: string, scores: Scores): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, scores);
}
