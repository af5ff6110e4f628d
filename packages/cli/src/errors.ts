/** The errors the commands answer with; `main` turns them into exit codes. */

/** A mistake in the command line or its environment (exit code 2). */
export class UsageError extends Error {
  readonly name = 'UsageError';
}

/** The backend answered with an error that retrying does not mend (4xx; exit code 1). */
export class ApiError extends Error {
  readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    /** The server's own message (`deployments[3].finishedAt: ...`). */
    readonly serverMessage: string,
  ) {
    super(message);
  }
}
