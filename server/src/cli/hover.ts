// `crashlog hover FILE LINE:COL`: the editor's hover card (Markdown) for a position (1-based).
import { describeAt, renderHover } from '../analysis/describe';
import { ARCH_OPTION, HELP_OPTION, SYMBOLS_OPTION, UsageError, type Command } from './args';
import { modelOf } from './input';

export const hoverCommand: Command = {
  name: 'hover',
  synopsis: 'FILE LINE:COL',
  summary: 'Prints the hover card (Markdown) for the word at LINE:COL (1-based, as editors show them).',
  options: [ARCH_OPTION, SYMBOLS_OPTION, HELP_OPTION],
  positionals: { min: 2, max: 2 },
  exitStatus: { 1: 'nothing to describe at that position' },
  run(args) {
    const position = /^(\d+):(\d+)$/.exec(args.positional[1]);
    if (!position || Number(position[1]) < 1 || Number(position[2]) < 1)
      throw new UsageError(`'${args.positional[1]}' is not LINE:COL (1-based numbers)`);
    const model = modelOf(args.positional[0], args);
    const card = describeAt(model, Number(position[1]) - 1, Number(position[2]) - 1);
    if (!card) return 1;
    process.stdout.write(renderHover(card.markdown) + '\n');
    return 0;
  },
};
