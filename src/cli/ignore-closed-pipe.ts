// A reader that stops early (`planexec run --json | head -1`) closes the pipe: what planexec still
// writes to it is dropped, and the command ends as it would have, with no stack trace.

/** Drop writes to stdout and stderr once their reader is gone (EPIPE); any other stream error is thrown as before. */
export function ignoreClosedPipe(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return;
      throw error;
    });
  }
}
