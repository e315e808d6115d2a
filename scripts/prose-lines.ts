// Lists the lines of transcripts that the model left as prose (for review).
import { readFileSync } from 'fs';
import { analyze } from '../server/src/analysis/model';
import { LINE_KIND_NAMES } from '../server/src/analysis/lineKinds';

const showKinds = process.env.KINDS === '1';
for (const file of process.argv.slice(2)) {
  const model = analyze(readFileSync(file, 'utf8'));
  for (let i = 0; i < model.lines.length; i++) {
    if (showKinds)
      console.log(
        `${String(i + 1).padStart(5)} ${LINE_KIND_NAMES[model.lineKinds[i]].padEnd(14)} ${model.lines[i].slice(0, 120)}`,
      );
    else if (model.lineKinds[i] === 0) console.log(`${file.split('/').pop()}:${i + 1}: ${model.lines[i].slice(0, 140)}`);
  }
}
