// "Save as SVG": the whole picture (every row, not only the visible ones) as one
// standalone SVG file in the colours of the current theme. Pure string building.
import type { FrameBox, StackPicture } from '../../../protocol/src';
import { layoutPicture } from './layout';

export interface Palette {
  background: string;
  foreground: string;
  muted: string;
  border: string;
  returnAddress: string;
  framePointer: string;
  stale: string;
  ptRegs: string;
  gap: string;
  differs: string;
  font: string;
}

const ROW = 18;
const CHAR = 7.4;
const LANE = 12;

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export function pictureToSvg(picture: StackPicture, palette: Palette): string {
  const layout = layoutPicture(picture);
  const gutter = 16 + layout.lanes * LANE;
  const x = {
    address: gutter,
    value: gutter + 18 * CHAR,
    frame: gutter + 36 * CHAR,
    regs: gutter + 72 * CHAR,
    label: gutter + 104 * CHAR,
    bt: gutter + 150 * CHAR,
  };
  const width = Math.ceil(x.bt + 40 * CHAR);
  const top = 2 * ROW;
  const height = top + (layout.total + 1) * ROW;
  const y = (global: number) => top + global * ROW;
  const out: string[] = [];
  const text = (tx: number, ty: number, s: string, fill = palette.foreground, extra = '') =>
    out.push(`<text x="${tx.toFixed(1)}" y="${(ty + ROW * 0.72).toFixed(1)}" fill="${fill}"${extra}>${escapeXml(s)}</text>`);

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(palette.font)}" font-size="12">`,
    `<title>${escapeXml(picture.title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="${palette.framePointer}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="${palette.background}"/>`,
  );
  text(8, 0, picture.title, palette.foreground, ' font-weight="bold"');

  picture.axes.forEach((axis, a) => {
    const first = layout.offsets[a];
    text(
      8,
      y(first - 2),
      `${axis.label}: ${axis.base} .. ${axis.top}${axis.known ? '' : ' (assumed)'}`,
      palette.foreground,
      ' font-weight="bold"',
    );
    text(8, y(first - 1), 'high addresses on top', palette.muted);
    const box = (f: { topRow: number; bottomRow: number }, left: number, w: number, stroke: string, dash = '') =>
      out.push(
        `<rect x="${left}" y="${y(first + f.topRow) + 1}" width="${w}" height="${(f.bottomRow - f.topRow + 1) * ROW - 2}" rx="3" fill="none" stroke="${stroke}"${dash}/>`,
      );
    for (const f of axis.frames) {
      const stroke = f.bt?.status === 'differs' || f.bt?.first ? palette.differs : palette.border;
      box(f, x.frame, 34 * CHAR, stroke, dashFor(f));
      text(x.frame + 6, y(first + f.topRow), `#${f.level} ${f.name}`, palette.foreground, ' font-weight="bold"');
      if (f.bottomRow > f.topRow) text(x.frame + 6, y(first + f.topRow + 1), f.how, palette.muted);
      if (f.bt && f.bottomRow > f.topRow + 1)
        text(
          x.frame + 6,
          y(first + f.topRow + 2),
          `${f.bt.first ? 'first difference: ' : ''}${f.bt.text}`,
          f.bt.status === 'agrees' ? palette.muted : palette.differs,
        );
    }
    for (const p of axis.ptRegs) {
      box(p, x.regs, 30 * CHAR, palette.ptRegs);
      text(x.regs + 6, y(first + p.topRow), `pt_regs ${p.address}`, palette.ptRegs, ' font-weight="bold"');
      p.registers.forEach((r, i) => {
        if (p.topRow + 1 + i <= p.bottomRow)
          text(x.regs + 6, y(first + p.topRow + 1 + i), `${r.name.padEnd(8)}${r.value}`, palette.ptRegs);
      });
    }
    axis.rows.forEach((row, r) => {
      const ty = y(first + r);
      if (row.kind === 'gap') {
        text(
          x.address,
          ty,
          `… ${row.words} words not dumped (${row.from} .. ${row.to})   crash> ${row.command}`,
          palette.gap,
          ' font-style="italic"',
        );
        return;
      }
      const colour =
        row.role === 'return'
          ? palette.returnAddress
          : row.role === 'saved-fp'
            ? palette.framePointer
            : row.role === 'stale'
              ? palette.stale
              : row.role === 'pt-regs'
                ? palette.ptRegs
                : palette.foreground;
      text(x.address, ty, row.address, palette.muted);
      text(
        x.value,
        ty,
        row.value ?? 'not dumped',
        row.value ? colour : palette.gap,
        row.role === 'stale' ? ' text-decoration="line-through"' : '',
      );
      const label = row.command ? `${row.label ? row.label + '  ' : ''}crash> ${row.command}` : row.label;
      if (label) text(x.label, ty, label, colour);
    });
    for (const m of axis.bt) {
      text(
        x.bt,
        y(first + m.row),
        `${m.first ? '▶ ' : ''}bt #${m.level} ${m.function}`,
        m.agrees ? palette.muted : palette.differs,
      );
    }
  });

  for (const arrow of layout.arrows) {
    const lx = gutter - 10 - arrow.lane * LANE;
    const y1 = y(arrow.from) + ROW / 2;
    const y2 = y(arrow.to) + ROW / 2;
    const stroke = arrow.kind === 'switch' ? palette.differs : palette.framePointer;
    const widthAttr = arrow.kind === 'switch' ? '2' : '1.2';
    out.push(
      `<path d="M${gutter - 2},${y1} H${lx} V${y2} H${gutter - 2}" fill="none" stroke="${stroke}" stroke-width="${widthAttr}" marker-end="url(#arrow)"/>`,
    );
  }
  out.push(`<text x="8" y="${height - 4}" fill="${palette.muted}">${escapeXml(`stopped: ${picture.stop.reason}`)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function dashFor(frame: FrameBox): string {
  if (frame.confidence === 'guess') return ' stroke-dasharray="2,3"';
  if (frame.confidence === 'likely') return ' stroke-dasharray="6,3"';
  return '';
}
