// `search` output: its hits are dump lines (parsed by the driver); the rest is a table.
import { LineKind } from '../../lineKinds';
import { defineCommand } from './command';
import { isTableLine } from './table';

export const search = defineCommand({
  kind: 'search',
  names: ['search'],
  output: () => ({ line: (text: string) => (isTableLine(text.trim()) ? LineKind.Kmem : undefined) }),
});
