// `crashlog check BIG | head -1`: the reader closes the pipe and the next write fails with EPIPE,
// reported as an 'error' event on stdout that, unhandled, kills the process with a stack trace.
// A reader that stopped reading wants no more output: the command ends quietly.

/** The part of a writable stream this needs (process.stdout in use, an emitter in tests). */
export interface OutputStream {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/**
 * Ends the process through `exit` (with the status already set) when `stream` is closed by its
 * reader; any other write error still surfaces.
 */
export function exitQuietlyWhenClosed(stream: OutputStream, exit: () => void): void {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    exit();
  });
}
