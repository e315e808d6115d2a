// What every subcommand reads: the transcript, the `--symbols` files, and the model built
// from them with `--arch`.
import { readFileSync } from 'fs';
import { analyze, type Model, type SymbolFileSource } from '../analysis/model';
import { readSymbolFileSync } from '../symbolFiles';
import { archOf, InputError, type ParsedArgs } from './args';

export function readTranscript(file: string): string {
  try {
    return readFileSync(file).toString('utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** `--symbols FILE`: a file that cannot be used stops the command with its reason. */
export function symbolFilesOf(args: ParsedArgs): SymbolFileSource[] {
  return (args.options.get('--symbols') ?? []).map((file) => {
    const result = readSymbolFileSync(file);
    if (!result.ok) throw new InputError(`symbol file ${file} is not used: ${result.reason}`);
    return result.source;
  });
}

/** The model of one transcript with the command's `--arch` and `--symbols`. */
export function modelOf(file: string, args: ParsedArgs, symbolFiles = symbolFilesOf(args)): Model {
  const arch = archOf(args);
  const model = analyze(readTranscript(file), { arch, symbolFiles });
  // A symbol file that could not be matched names nothing: say so, or it seems ignored.
  for (const source of model.symbolFiles) {
    if (source.slides.length === 0)
      process.stderr.write(
        `crashlog: ${source.label}: too few functions shared with ${file} to work out the KASLR offset; not used\n`,
      );
  }
  return model;
}
