// The picture as an ASCII drawing, in the style people paste into mails: high
// addresses on top, one line per slot, frames as boxes in a column of their own,
// crash's `bt` on the right.
import type { BtMark, FrameBox, PtRegsBox, StackPicture } from './types';

const BOX_COLUMN = 36;

export function drawStackText(picture: StackPicture): string {
  const out: string[] = [picture.title, ''];
  picture.axes.forEach((axis, a) => {
    out.push(`${axis.label}: ${axis.base} .. ${axis.top}${axis.known ? '' : ' (assumed)'}   high addresses on top`);
    const opens = new Map<number, FrameBox[]>();
    const closes = new Map<number, FrameBox[]>();
    for (const f of axis.frames) {
      (opens.get(f.topRow) ?? opens.set(f.topRow, []).get(f.topRow)!).push(f);
      (closes.get(f.bottomRow) ?? closes.set(f.bottomRow, []).get(f.bottomRow)!).push(f);
    }
    const regsAt = new Map<number, PtRegsBox>();
    for (const p of axis.ptRegs) regsAt.set(p.topRow, p);
    const btAt = new Map<number, BtMark>();
    for (const m of axis.bt) btAt.set(m.row, m);
    const inRegs = (r: number) => axis.ptRegs.some((p) => r >= p.topRow && r <= p.bottomRow);
    const inFrame = (r: number) => axis.frames.some((f) => r >= f.topRow && r <= f.bottomRow);

    axis.rows.forEach((row, r) => {
      for (const f of opens.get(r) ?? []) {
        const bt = f.bt ? `  [${f.bt.first ? '>>> first difference: ' : ''}${f.bt.text}]` : '';
        out.push(`${' '.repeat(BOX_COLUMN)}+-- #${f.level} ${f.name}${f.module ? ` [${f.module}]` : ''}  (${f.how})${bt}`);
      }
      const regs = regsAt.get(r);
      if (regs) {
        const values = regs.registers.map((x) => `${x.name} ${x.value.replace(/^0+(?=.)/, '')}`).join(', ');
        const more = regs.command ? `${values ? '; ' : ''}crash> ${regs.command}` : '';
        out.push(`${' '.repeat(BOX_COLUMN)}{ pt_regs at ${regs.address}: ${values}${more}`);
      }
      if (row.kind === 'gap') {
        out.push(
          `  ~~ ${row.from} .. ${row.to}: ${row.words} words not dumped${row.stop ? ' (the walk stops here)' : ''}; crash> ${row.command}`,
        );
        return;
      }
      const value = row.value ?? '(not dumped)    ';
      const stale = row.role === 'stale' ? '?' : ' ';
      const box = `${inFrame(r) ? '|' : ' '}${inRegs(r) ? '{' : ' '}`;
      const missing = row.command ? ` ${row.stop ? 'the walk stops here; ' : ''}crash> ${row.command}` : '';
      const label = row.label ? ` ${row.label}${missing}` : missing;
      const mark = btAt.get(r);
      const bt = mark ? `   ${mark.first ? '>>> ' : ''}bt #${mark.level} ${mark.function}${mark.agrees ? '' : ' (differs)'}` : '';
      const left = `  ${row.address}  ${value} ${stale}`.padEnd(BOX_COLUMN);
      out.push(`${left}${box}${label}${bt}`.trimEnd());
      if ((closes.get(r) ?? []).length > 0) out.push(`${' '.repeat(BOX_COLUMN)}+--`);
    });
    for (const s of picture.switches.filter((s) => s.fromAxis === a)) {
      const to = picture.axes[s.toAxis];
      const row = to.rows[s.toRow];
      out.push(`  ==> stack switch (${s.label}): continues on the ${to.label} at ${row.kind === 'slot' ? row.address : '?'}`);
    }
    out.push('');
  });
  if (picture.firstDifference) out.push(`first difference from bt: ${picture.firstDifference}`);
  out.push(`stopped: ${picture.stop.reason}`);
  if (picture.stop.command) out.push(`to go on: crash> ${picture.stop.command}`);
  for (const c of picture.commands.slice(0, 20)) out.push(`to name or size more frames: crash> ${c}`);
  return out.join('\n') + '\n';
}
