/** Expected failures of rollout changes; routes turn them into 404 / 409 / 400 and forms show them next to the input. */

export class NotFoundError extends Error {
  readonly code = "not-found";
}

/** The client's version is older than the stored one: someone else changed it first. */
export class StaleVersionError<T> extends Error {
  readonly code = "stale-version";
  constructor(
    message: string,
    readonly current: T,
    readonly changedBy: string | null,
    readonly changedAt: string | null,
  ) {
    super(message);
  }
}

/** A request that is valid in form but not allowed in this state (e.g. assigning to an archived wave). */
export class RolloutRuleError extends Error {
  readonly code = "invalid";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
