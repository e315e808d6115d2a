// The output formats of `crashlog check`, by the name `--format` takes (the first is the default).
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { CheckFormatter } from './types';

export const CHECK_FORMATS = { text: formatText, json: formatJson, sarif: formatSarif } satisfies Record<string, CheckFormatter>;
export type CheckFormatName = keyof typeof CHECK_FORMATS;
export const CHECK_FORMAT_NAMES = Object.keys(CHECK_FORMATS) as CheckFormatName[];
export type { CheckedFile, CheckFormatter, RuleDescription } from './types';
