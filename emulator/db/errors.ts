// Errors in the shape the CloudBase backend returns them: `{ code, message }` with the codes that
// @cloudbase/node-sdk and wx-server-sdk map (DATABASE_COLLECTION_NOT_EXIST → -502005, …).

export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
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

export function duplicateKey(collection: string, id: unknown): DbError {
  return new DbError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  )
}

export function requestFailed(message: string): DbError {
  return new DbError('DATABASE_REQUEST_FAILED', message)
}
