// Why the language server process stopped, in words for the restart notice: exit code or
// signal, and the last error it printed. Plain data, no VS Code API.

/** Keeps the last lines a process wrote to stderr (a crash prints its error there). */
export class StderrTail {
  private text = '';

  constructor(private readonly maxChars = 4000) {}

  append(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.maxChars);
  }

  /** The last line that names an error (`TypeError: …`), else the last non-empty line. */
  lastError(): string | undefined {
    const lines = this.text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const error = [...lines].reverse().find((l) => /^(?:Uncaught )?\w*Error\b|^FATAL ERROR\b|^\w+Exception\b/.test(l));
    return error ?? lines[lines.length - 1];
  }
}

export function describeExit(code: number | null, signal: string | null, lastError: string | undefined): string {
  const how = signal ? `was killed by ${signal}` : code !== null ? `exited with code ${code}` : 'stopped';
  const error = lastError ? `: ${lastError.length > 200 ? `${lastError.slice(0, 197)}...` : lastError}` : '';
  return `${how}${error}`;
}
