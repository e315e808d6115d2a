// A person's sentence between a command's output and the next prompt (`From the stack, I do not think
// that it is related:`), told from output by its shape: words of letters, most of them lower-case,
// and none of the marks crash's output formats are made of (values, addresses, brackets, `=`, `;`).
// Only asked of lines inside the output of commands whose format crashlog knows.

const OUTPUT_MARKS = /[=;{}[\]<>|$#@%]|0x|[0-9a-f]{8}|\b[A-Z_]{2,}\b|:\s*\S/;
const LOWER_WORD = /^[a-z][a-z'’-]*[,.:?!]?$/;
const FIRST_WORD = /^[A-Za-z][a-z'’-]*,?$/;
/** Fewest words of a sentence; of them, fewest lower-case ones. */
const MIN_WORDS = 4;
const MIN_LOWER = 3;

export function isSentence(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length < 16 || OUTPUT_MARKS.test(trimmed)) return false;
  const words = trimmed.split(/\s+/);
  if (words.length < MIN_WORDS || !FIRST_WORD.test(words[0])) return false;
  let lower = 0;
  for (const word of words) if (LOWER_WORD.test(word)) lower++;
  return lower >= MIN_LOWER && lower * 3 >= words.length * 2;
}
