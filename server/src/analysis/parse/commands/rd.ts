// `rd` output: dump lines (parsed by the driver), read as the options say.
import { defineCommand } from './command';

export const rd = defineCommand({
  kind: 'rd',
  names: ['rd'],
  dump: ({ options }) => ({
    symbolic: options.includes('-s'),
    width: options.includes('-8') ? 1 : options.includes('-16') ? 2 : options.includes('-32') ? 4 : 0,
  }),
});
