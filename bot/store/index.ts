/** The conversation store's public surface. */
export type * from './types.js';
export { openStore, SqliteSessionStore, TurnConflictError } from './session-store.js';
export { DB_FILE_NAME } from './db.js';
export { StoreDataError, AnswerRowSchema } from './rows.js';
export { isStoreUnavailable } from './errors.js';
export { claimLeaseName } from './coordination.js';
