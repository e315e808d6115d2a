// Old arm64 and 32-bit arm oopses name the pc and lr (`PC is at func+0x../0x..`, `LR is at ...`)
// before printing their values (`pc : [<addr>]    lr : [<addr>]`): the values get the names.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';
import { crashDumps, hasShared, syzkallerReports } from '../support/corpus';

const SITE = /^(?:\[[^\]]*\] ?)*(PC|LR) is at ([A-Za-z_.$][\w.$]*)\+0x[0-9a-f]+\/0x[0-9a-f]+/;

/** `pc`/`lr` values and the symbols they were given, of every report. */
function namedRegisters(text: string): string[] {
  return analyze(text).reports.flatMap((r) =>
    r.registers.filter((g) => g.name === 'pc' || g.name === 'lr').map((g) => `${g.name}=${g.symbol?.name ?? '?'}`),
  );
}

describe('PC is at / LR is at (old arm64 and 32-bit arm)', () => {
  (hasShared ? it : it.skip)('gives the pc and lr of real syzkaller arm reports the functions named above them', () => {
    let checked = 0;
    for (const { name, log } of syzkallerReports()) {
      const named = log
        .split('\n')
        .map((line) => SITE.exec(line))
        .filter((m) => m !== null)
        .map((m) => `${m[1].toLowerCase()}=${m[2]}`);
      if (named.length === 0) continue;
      const registers = namedRegisters(log);
      for (const site of named) assert.ok(registers.includes(site), `${name}: ${site} among ${registers.join(' ')}`);
      const model = analyze(log);
      const pc = named.find((s) => s.startsWith('pc='));
      if (pc)
        assert.ok(
          model.reports.some((r) => r.headerFunctions?.includes(pc.slice(3))),
          `${name}: ${pc} a site function`,
        );
      checked++;
    }
    assert.ok(checked >= 5, `${checked} logs checked`);
  });

  (hasShared ? it : it.skip)('reads real arm64 consoles rewritten in the old form as the new form', () => {
    for (const { name, console: text } of crashDumps('arm64')) {
      const lines = text.split('\n');
      const site = (register: string) => {
        const at = lines.findIndex((line) => line.includes(`] ${register} : `));
        return { at, symbol: lines[at].slice(lines[at].indexOf(`${register} : `) + 5).replace(/\r$/, '') };
      };
      const pc = site('pc');
      const lr = site('lr');
      assert.equal(lr.at, pc.at + 1, name);
      const stamp = lines[pc.at].slice(0, lines[pc.at].indexOf('pc : '));
      const old = [
        ...lines.slice(0, pc.at),
        `${stamp}PC is at ${pc.symbol}\r`,
        `${stamp}LR is at ${lr.symbol}\r`,
        `${stamp}pc : [<ffff800001230030>] lr : [<ffff800001230020>] pstate: 60000005\r`,
        ...lines.slice(lr.at + 1),
      ];
      const fn = (s: string) => s.slice(0, s.indexOf('+'));
      assert.deepEqual(namedRegisters(old.join('\n')), [`pc=${fn(pc.symbol)}`, `lr=${fn(lr.symbol)}`], name);
      const triage = (t: string) => summarize(analyze(t)).reports.map((r) => `${r.title}: ${r.function} [${r.module}]`);
      assert.deepEqual(triage(old.join('\n')), triage(text), name);
      // The function's start follows from the value and the offset.
      const model = analyze(old.join('\n'));
      assert.equal(model.symbols.get(fn(pc.symbol))?.base, 0xffff800001230000n, name);
    }
  });
});
