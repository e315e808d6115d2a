// The walk as text in crashlog's own style (so the virtual document is highlighted
// and hoverable), with links from output lines back to the transcript lines.
import { hex16 } from '../hex';
import type { BtAgreement, UnwindFrame, UnwindMethod, UnwindResult } from './types';

export interface UnwindLink {
  outputLine: number;
  sourceLine: number;
}

export interface FormattedUnwind {
  text: string;
  links: UnwindLink[];
}

/** How a frame was found, in words: the unwound stack and the stack picture say it alike. */
export const METHOD_WORDS: Record<UnwindMethod, string> = {
  registers: 'registers',
  'bt-frame': 'bt frame',
  'frame-record': 'frame record',
  'rbp-chain': 'rbp chain',
  'back-chain': 'back chain',
  prologue: 'prologue size',
  'exception-frame': 'exception frame',
  scan: 'scan',
};

/** How crash's bt compares at a walked frame (`bt #3 func: agrees`), as the unwound stack and the stack picture say it. */
export function btAgreementText(bt: BtAgreement): string {
  const where = bt.level !== undefined ? `bt #${bt.level} ${bt.function}` : 'bt';
  if (bt.status === 'agrees') return `${where}: agrees`;
  return bt.status === 'absent' ? 'bt: no frame here' : `${where}: differs`;
}

export function frameName(frame: UnwindFrame): string {
  if (frame.function === undefined) return '?';
  const offset = frame.offset !== undefined && frame.offset > 0 ? `+${frame.offset}` : '';
  return frame.function + offset;
}

export function formatUnwind(result: UnwindResult, label?: string): FormattedUnwind {
  const lines: string[] = [];
  const links: UnwindLink[] = [];
  const link = (sourceLine: number | undefined) => {
    if (sourceLine !== undefined && sourceLine >= 0) links.push({ outputLine: lines.length - 1, sourceLine });
  };
  lines.push(`# Unwind from ${label ?? result.start.label ?? 'start'} (${result.arch})`);
  link(result.start.line);
  if (result.start.choice) lines.push(`start: ${result.start.choice}`);
  lines.push('');
  for (const frame of result.frames) {
    const jump = frame.stackSwitch;
    if (jump) {
      const read = jump.from !== undefined ? ` read at [${hex16(jump.from)}]` : '';
      lines.push(`    --- stack switch: ${jump.label}${read}, ${jump.confidence} ---`);
      link(jump.line);
    }
    const level = `#${frame.level}`.padStart(3);
    const at = frame.pc !== undefined ? ` at ${hex16(frame.pc)}` : '';
    const module = frame.module ? ` [${frame.module}]` : '';
    const slot = frame.frameAddress !== undefined ? `[${hex16(frame.frameAddress)}] ` : '';
    const sp = frame.method === 'exception-frame' && frame.sp !== undefined ? `, sp ${hex16(frame.sp)}` : '';
    // Every frame says how it was found and how sure that is.
    lines.push(`${level} ${slot}${frameName(frame)}${at}${module}  (${METHOD_WORDS[frame.method]}, ${frame.confidence}${sp})`);
    link(frame.evidence[0]);
    if (frame.source) {
      lines.push(`    ${frame.source.file}: ${frame.source.line}`);
      link(frame.source.at);
    }
    if (frame.bt) {
      const text = btAgreementText(frame.bt);
      lines.push(`    ${frame.bt.first ? '>>> first difference: ' : ''}${text}`);
      link(frame.bt.line);
    }
    for (const note of frame.notes) lines.push(`    note: ${note}`);
  }
  if (result.bt) {
    for (const extra of result.bt.extra) {
      lines.push(
        `    ${extra.first ? '>>> first difference: ' : ''}bt #${extra.level} ${extra.function} [${hex16(extra.stackAddress)}] is not a frame of this walk`,
      );
      link(extra.line);
    }
    if (result.bt.firstDifference) {
      lines.push(`first difference from bt: ${result.bt.firstDifference}`);
      link(result.bt.line);
    } else {
      const skipped = result.bt.notCompared;
      const levels = skipped.length === 1 ? `#${skipped[0]}` : `#${Math.min(...skipped)}–#${Math.max(...skipped)}`;
      lines.push(
        `bt: every compared frame agrees${skipped.length > 0 ? `; bt ${levels} lie where the walk jumped to the registers above (not compared)` : ''}`,
      );
      link(result.bt.line);
    }
  }
  lines.push('');
  lines.push(`stopped: ${result.stop.reason}`);
  if (result.stop.command) {
    lines.push('to go on, paste the output of:');
    lines.push(`crash> ${result.stop.command}`);
  }
  if (result.commands.length > 0) {
    lines.push('to name or size more frames, paste the output of:');
    for (const command of result.commands.slice(0, 20)) lines.push(`crash> ${command}`);
  }
  return { text: lines.join('\n') + '\n', links };
}
