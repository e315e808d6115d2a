// `foreach [tasks] bt [options]`: one bt per task, read as bt output (`foreach sh bt -f`).
import { bt } from './bt';
import { defineCommand } from './command';

export const foreach = defineCommand({
  kind: 'foreach',
  names: ['foreach'],
  dump: (prompt) => {
    const at = prompt.args.indexOf('bt');
    const options = at < 0 ? [] : prompt.options;
    return bt.dump!({ ...prompt, options });
  },
});
