// Errors in the shape the CloudBase backend returns them: `{ code, message }` with the codes that
// @cloudbase/node-sdk and wx-server-sdk map (DATABASE_COLLECTION_NOT_EXIST → -502005, …). Sources for each code are in
// emulator/db/README.md ("Modelled behaviours").

export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'INVALID_PARAM'

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export function collectionNotExist(name: string): DbError {
  // Same wording as production's ResourceNotFound message, so logs read the same locally.
  return new DbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem persists, contact us.`,
  )
}

/**
 * A write that would repeat a unique key (`_id` or a unique index of the manifest). CloudBase answers
 * DATABASE_DUPLICATE_WRITE; wx-server-sdk 4.0.2 has no number for that code and surfaces it as -501001, so function
 * code cannot tell a duplicate from the errCode alone (see cloudfunctions/_shared/create-once.ts).
 */
export function duplicateKey(collection: string, index: string, key: Record<string, unknown>): DbError {
  const dup = Object.entries(key)
    .map(([k, v]) => `${k}: ${JSON.stringify(v ?? null)}`)
    .join(', ')
  return new DbError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: { ${dup} }`,
  )
}

/** A transactional write to a document another open transaction has written, or that changed after the snapshot. */
export function writeConflict(collection: string, key: string): DbError {
  return new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[WriteConflict] this operation conflicted with another operation on ${collection}/${key}. Please retry your operation or multi-document transaction.`,
  )
}

export function requestFailed(message: string): DbError {
  return new DbError('DATABASE_REQUEST_FAILED', message)
}

/**
 * Thrown (and caught by the request class, never surfaced) when a plain write meets a document locked by an open
 * transaction: the request is rolled back, waits for the lock to go, and runs again, as a blocked write would.
 */
export class WriteBlocked extends Error {
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`write to ${collection}/${key} waits for a transaction`)
  }
}
