// `crashlog analyze FILE`: the model summary (arch, sections, reports with frames, counts).
import { formatSummary, summarize } from '../analysis/summary';
import { ARCH_OPTION, formatOf, formatOption, HELP_OPTION, JSON_OPTION, SYMBOLS_OPTION, type Command } from './args';
import { modelOf } from './input';

const FORMATS = ['text', 'json'];

export const analyzeCommand: Command = {
  name: 'analyze',
  synopsis: 'FILE',
  summary: 'Prints what the transcript holds: architecture, crash commands, backtraces and reports with their frames.',
  options: [formatOption(FORMATS), JSON_OPTION, ARCH_OPTION, SYMBOLS_OPTION, HELP_OPTION],
  positionals: { min: 1, max: 1 },
  exitStatus: {},
  run(args) {
    const format = formatOf(args, FORMATS);
    const summary = summarize(modelOf(args.positional[0], args));
    process.stdout.write((format === 'json' ? JSON.stringify(summary, null, 2) : formatSummary(summary)) + '\n');
    return 0;
  },
};
