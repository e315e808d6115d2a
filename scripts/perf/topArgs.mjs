// The command line both reports take: `[--top N] FILE...`, with a usage line when the file count is wrong.

/** `{ top, files }` from argv, or exits 2 with `usage` when `filesOk(files.length)` says no. */
export function topArgs(argv, usage, filesOk) {
  let top = 40;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--top') top = Number(argv[++i]);
    else files.push(argv[i]);
  }
  if (!filesOk(files.length)) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return { top, files };
}
