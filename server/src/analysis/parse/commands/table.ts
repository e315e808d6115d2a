// Lines shared by the tabular outputs (kmem, search, mod, task, ps): headings and rows
// that carry nothing the model keeps but are command output, not prose.
const TABLE_LINE =
  /^(?:SLAB|PAGE|VMAP_AREA|KMEM_CACHE|NODE|MEMORY)\s|^\s*[0-9a-f]{8,16}\s+[0-9a-f]+\s|^(?:PID|COMMAND|TASK|CPU|STATE):\s|^[0-9a-f]{8,16}: /;

/** A heading or row of a crash table (its text trimmed). */
export function isTableLine(trimmed: string): boolean {
  return TABLE_LINE.test(trimmed);
}
