// Judges whether a console report came out whole (placeholder; rules follow).
import { LineKind } from './lineKinds';
import type { Report } from './types';

export function assessReportDamage(report: Report, lines: string[], kinds: Uint8Array): void {
  void report; void lines; void kinds; void LineKind.Prose;
}
