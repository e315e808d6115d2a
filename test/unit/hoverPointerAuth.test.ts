// arm64 pointer authentication signs return addresses: a word whose stripped form is text is shown
// stripped; any other word (a stack pointer gone wild) is read as it is.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

// crash's bt of a VMAP_STACK overflow (crash's commit adding it, 4.14 arm64 39-bit VA): the SP of the
// exception frame lies nowhere, the LR it saved is module text.
const OVERFLOW = [
  'crash> bt',
  'PID: 3607   TASK: ffffffcbf9a4da00  CPU: 2   COMMAND: "sh"',
  ' #0 [ffffffccbfd85f50] __delay at ffffff8008ceded8',
  ' #5 [ffffffccbfd85fd0] emergency_restart at ffffff80080d49fc',
  ' #6 [ffffffccbfd86140] panic at ffffff80080af4c0',
  ' #7 [ffffffccbfd86150] nmi_panic at ffffff80080af150',
  ' #8 [ffffffccbfd86190] handle_bad_stack at ffffff800808b0b8',
  ' #9 [ffffffccbfd862d0] __bad_stack at ffffff800808285c',
  '     PC: ffffff8008082e80  [el1_sync]',
  '     LR: ffffff8000d6c214  [stack_overflow_demo+84]',
  '     SP: ffffff1a79930070  PSTATE: 204003c5',
  '    X29: ffffff8011b03d00  X28: ffffffcbf9a4da00  X27: ffffff8008e02000',
  // The same LR as a signed return address would be saved on a PAC kernel.
  '    X30: 9a99ff8000d6c214',
];

describe('pointer authentication on hover', () => {
  const model = analyze(OVERFLOW.join('\n'));

  it('strips the signature of a word that is then text', () => {
    const card = hoverOn(model, '9a99ff8000d6c214');
    assert.match(card, /Pointer-authentication bits stripped: `ffffff8000d6c214`/);
  });

  it('leaves a word whose stripped form is no text as it is', () => {
    const card = hoverOn(model, 'ffffff1a79930070');
    assert.doesNotMatch(card, /Pointer-authentication/);
    assert.match(card, /not an address/);
  });
});
