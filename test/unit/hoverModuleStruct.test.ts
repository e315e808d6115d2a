// crash's `mod` prints each module's `struct module` first (MODULE), then where its code lies (BASE,
// SIZE): the first is data, never the module's text. The riscv64 session of crash's commit e7119d21e2dd.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

const MOD = [
  'crash> mod',
  '     MODULE       NAME             BASE         SIZE  OBJECT FILE',
  'ffffffff0113e740  nvme_core  ffffffff01133000  98304  (not loaded)  [CONFIG_KALLSYMS]',
  'ffffffff011542c0  nvme       ffffffff0114c000  61440  (not loaded)  [CONFIG_KALLSYMS]',
  '',
  'crash> rd ffffffff0113e740 8',
  'ffffffff0113e740:  0000000000000000 ffffffff810874f8   .........t......',
  'ffffffff0113e750:  ffffffff011542c8 726f635f656d766e   .B......nvme_cor',
];

describe("hover: mod's MODULE column", () => {
  const model = analyze(MOD.join('\n'));

  it('calls the address the struct module of its module, not its text', () => {
    const card = hoverOn(model, 'ffffffff0113e740', 0, (l) => l.includes('nvme_core'));
    assert.match(card, /struct module of \[nvme_core\]/);
    assert.doesNotMatch(card, /module text/);
  });

  it('still calls BASE the module text', () => {
    const card = hoverOn(model, 'ffffffff01133000', 0, (l) => l.includes('nvme_core'));
    assert.match(card, /module text \[nvme_core\]/);
  });
});
