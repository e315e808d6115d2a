// Which architecture a transcript is: every registered architecture scores the same
// evidence (register lines, instructions, text addresses); the best score wins when
// it beats every other and every architecture not modelled yet (./unmodelled), else
// the transcript does not settle it (`unknown`).
// Scores are kept per line so that re-analysis after an edit keeps those of untouched lines.
import { ARCH_IDS, ARCH_SPECS, type ArchId } from './registry';
import type { ArchEvidence as Scorer } from './types';
import { UNMODELLED } from './unmodelled';

const MAX = 127;

/** Per-line evidence: one score per registered architecture on each line. */
export class ArchEvidence {
  readonly scores: Int8Array;
  /** Registered architectures first (index = ARCH_IDS index), then the unmodelled ones. Read when the first model is built: the registry and this module import each other's neighbours. */
  private readonly scorers: Scorer[] = [...ARCH_SPECS.map((s) => s.evidence), ...UNMODELLED.map((u) => u.evidence)];
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
    if (hex.length < 16) return;
    for (let a = 0; a < this.count; a++) this.add(line, a, this.scorers[a].textAddress(hex));
  }

  /** Copies the scores of lines [start, end) from an earlier version of the same lines. */
  copyFrom(previous: ArchEvidence, start: number, end: number): void {
    this.scores.set(previous.scores.subarray(start * this.count, end * this.count), start * this.count);
  }

  /** The architecture the evidence settles, or undefined when none beats every other (modelled or not). */
  verdict(): ArchId | undefined {
    const count = this.count;
    const totals = new Array<number>(count).fill(0);
    const scores = this.scores;
    for (let i = 0; i < scores.length; i += count) for (let a = 0; a < count; a++) totals[a] += scores[i + a];
    let best = -1;
    for (let a = 0; a < ARCH_IDS.length; a++) if (totals[a] > 0 && (best < 0 || totals[a] > totals[best])) best = a;
    if (best < 0) return undefined;
    for (let a = 0; a < count; a++) if (a !== best && totals[a] >= totals[best]) return undefined;
    return ARCH_IDS[best];
  }

  private add(line: number, arch: number, score: number): void {
    if (score === 0) return;
    const i = line * this.count + arch;
    const next = this.scores[i] + score;
    this.scores[i] = next > MAX ? MAX : next;
  }
}
