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

/** Prisma's "no record found" for an update whose `where` (id + expected version) matched nothing. */
function isNoRowMatched(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2025";
}

/**
 * Runs a transaction whose update is a compare-and-set on the version (`where: { id, version }`). The read
 * check inside gives the friendly message in the common case; under concurrent writers (PostgreSQL, READ
 * COMMITTED) the guarded update is what guarantees a lost update cannot happen: when it matched no row,
 * `stale()` builds the StaleVersionError from a fresh read.
 */
export async function withVersionGuard<T>(write: () => Promise<T>, stale: () => Promise<Error>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isNoRowMatched(error)) throw await stale();
    throw error;
  }
}
