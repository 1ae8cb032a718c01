/**
 * Command-line error handling: every failure the user can cause ends as one line on
 * stderr and a non-zero exit code, never a stack trace.
 */

/** A failure caused by the user's input, with the message to show. Exit code 2 for usage errors. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** One line: newlines inside a message (e.g. from a library) are folded into spaces. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
}

/**
 * Runs a CLI's main function. Set FORWARD_PASS_DEBUG=1 to see the stack of an unexpected error.
 */
export function runCli(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (process.env.FORWARD_PASS_DEBUG && error instanceof Error) console.error(error.stack);
      process.stderr.write(`${name}: error: ${oneLine(error)}\n`);
      process.exit(error instanceof CliError ? error.exitCode : 1);
    },
  );
}
