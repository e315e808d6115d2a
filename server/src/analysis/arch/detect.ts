// Which architecture a transcript is: every registered architecture scores the same
// evidence (register lines, instructions, text addresses); the best score wins when
// it beats every other and every architecture not modelled yet (./unmodelled, and those
// read without a model, ./readonly), else the transcript does not settle it (`unknown`).
// Scores are kept per line so that re-analysis after an edit keeps those of untouched lines.
import { ARCH_IDS, ARCH_SPECS, type ArchId } from './registry';
import { READ_ONLY_ARCHS } from './readonly';
import type { ArchEvidence as Scorer } from './types';
import { UNMODELLED } from './unmodelled';

/** Architectures scored beside the registered ones, in scorer order after them. */
const OTHERS: readonly { name: string; evidence: Scorer }[] = [...UNMODELLED, ...READ_ONLY_ARCHS];

const MAX = 127;

/** Per-line evidence: one score per registered architecture on each line. */
export class ArchEvidence {
  readonly scores: Int8Array;
  /** Registered architectures first (index = ARCH_IDS index), then the unmodelled ones. Read when the first model is built: the registry and this module import each other's neighbours. */
  private readonly scorers: Scorer[] = [...ARCH_SPECS.map((s) => s.evidence), ...OTHERS.map((u) => u.evidence)];
  private readonly count = this.scorers.length;

  constructor(readonly lineCount: number) {
    this.scores = new Int8Array(lineCount * this.count);
  }

  registerLine(line: number, firstName: string): void {
    for (let a = 0; a < this.count; a++) this.add(line, a, this.scorers[a].registerLine(firstName));
  }

  instruction(line: number, mnemonic: string, text: string, operandsAt: number): void {
    for (let a = 0; a < this.count; a++) this.add(line, a, this.scorers[a].instruction(mnemonic, text, operandsAt));
  }

  textAddress(line: number, hex: string): void {
    if (hex.length === 16) for (let a = 0; a < this.count; a++) this.add(line, a, this.scorers[a].textAddress(hex));
    else if (hex.length === 8) for (let a = 0; a < this.count; a++) this.add(line, a, this.scorers[a].textAddress32?.(hex) ?? 0);
  }

  /** Copies the scores of lines [start, end) from an earlier version of the same lines, `shift` lines further down. */
  copyFrom(previous: ArchEvidence, start: number, end: number, shift = 0): void {
    this.scores.set(previous.scores.subarray(start * this.count, end * this.count), (start + shift) * this.count);
  }

  /** The architecture the evidence settles, or undefined when none beats every other (modelled or not). */
  verdict(): ArchId | undefined {
    const totals = this.totals();
    const best = this.leader(totals, 0, ARCH_IDS.length);
    return best < 0 ? undefined : ARCH_IDS[best];
  }

  /** The architecture not modelled whose evidence beats every other's (modelled or not), if one does. */
  unmodelledLead(): string | undefined {
    const best = this.leader(this.totals(), ARCH_IDS.length, this.count);
    return best < 0 ? undefined : OTHERS[best - ARCH_IDS.length].name;
  }

  private totals(): number[] {
    const count = this.count;
    const totals = new Array<number>(count).fill(0);
    const scores = this.scores;
    for (let i = 0; i < scores.length; i += count) for (let a = 0; a < count; a++) totals[a] += scores[i + a];
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
    const next = this.scores[i] + score;
    this.scores[i] = next > MAX ? MAX : next;
  }
}
