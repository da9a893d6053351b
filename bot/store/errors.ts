/**
 * "The store is not reachable right now" (PostgreSQL restarting, the network to it down), told apart
 * from a failure of the turn itself: work that failed this way is retried when the store is back
 * instead of being counted as a failed attempt, and no apology is sent for it.
 */
const CODES = /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|57P0[1-3]|08\d\d\d|53300)$/;
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

export function isStoreUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && CODES.test(code)) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    // AggregateError (a refused connection to every address of a host name).
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((x) => isStoreUnavailable(x))) return true;
  }
  return false;
}
