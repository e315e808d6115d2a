// `crashlog analyze FILE`: the model summary (arch, sections, reports with frames, counts).
import { diagnose } from '../analysis/diagnostics';
import { formatSummary, summarize } from '../analysis/summary';
import { ARCH_OPTION, formatOf, formatOption, HELP_OPTION, JSON_OPTION, SYMBOLS_OPTION, type Command } from './args';
import { failureLines, failuresJson } from './failures';
import { modelOf } from './input';

const FORMATS = ['text', 'json'];

export const analyzeCommand: Command = {
  name: 'analyze',
  synopsis: 'FILE',
  summary: 'Prints what the transcript holds: architecture, crash commands, backtraces and reports with their frames.',
  options: [formatOption(FORMATS), JSON_OPTION, ARCH_OPTION, SYMBOLS_OPTION, HELP_OPTION],
  positionals: { min: 1, max: 1 },
  exitStatus: {},
  description: 'Internal failures of the analysis (a parser line or rule that threw) are listed too.',
  run(args) {
    const format = formatOf(args, FORMATS);
    const model = modelOf(args.positional[0], args);
    const summary = summarize(model);
    // The parser's and the rules' own failures: bugs, shown rather than lost.
    const failures = diagnose(model).failures;
    if (format === 'json') process.stdout.write(JSON.stringify({ ...summary, failures: failuresJson(failures) }, null, 2) + '\n');
    else process.stdout.write([formatSummary(summary), ...failureLines(failures)].join('\n') + '\n');
    return 0;
  },
};
