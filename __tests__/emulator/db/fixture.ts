// Shared setup for the local database compatibility tests: a fresh in-memory store per test and a
// genuine @cloudbase/database Db bound to it, with a controllable server clock.
import { Db } from '@cloudbase/database'
import { LocalStore, createCollectionsNow, createDatabase, openStore } from '../../../emulator/db'

export interface Fixture {
  store: LocalStore
  db: Db
  _: Db['command']
  clock: { now: Date }
}

/**
 * Collections these tests write to, created up front as deploy creates the manifest's: writes to any other collection
 * fail with DATABASE_COLLECTION_NOT_EXIST, as in production.
 */
export const TEST_COLLECTIONS = [
  'a',
  'acts',
  'attendance',
  'b',
  'big',
  'c',
  'e',
  'events',
  'k',
  'm',
  'many',
  'members',
  'n',
  'orgs',
  'outbox',
  'p',
  'quizzes',
  'signups',
  't',
  'things',
  'u',
  'w',
  'x',
]

export function useFixture(): Fixture {
  const f = {} as Fixture
  beforeEach(() => {
    f.clock = { now: new Date('2024-07-01T08:00:00.000Z') }
    f.store = openStore(':memory:', { now: () => f.clock.now })
    createCollectionsNow(f.store, TEST_COLLECTIONS)
    f.db = createDatabase(f.store)
    f._ = f.db.command
  })
  afterEach(() => f.store.close())
  return f
}

/** Inserts documents one by one (so natural order is insertion order) and returns their ids. */
export async function seed(db: Db, collection: string, docs: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = []
  for (const d of docs) ids.push((await db.collection(collection).add(d)).id as string)
  return ids
}
