/**
 * A problem with what the user asked for (a missing folder, a malformed magnet, a short password): the API answers
 * 400 with its message, the CLI prints it as one line. Anything else is a fault of ours and is logged.
 */
export class UserError extends Error {
  readonly statusCode = 400;
}

/** What the request names does not exist: 404 in the API. */
export class NotFoundError extends Error {
  readonly statusCode = 404;
}

/**
 * A service we talk to failed (a metadata provider, an indexer): the API answers with its status (502 bad gateway, 429,
 * 404) and its message, which names the service and never holds a key.
 */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly statusCode = 502,
  ) {
    super(message);
  }
}
