import type { Db } from '../cloudfunctions/_shared/db-types'
import { INDEXES } from '../cloudfunctions/_shared/indexes'

/**
 * What the deploy step does in a real environment (README, "Deploy"): create every collection of the manifest.
 * Functions assume they exist, as in production where reading a missing collection fails with -502005.
 */
export async function createCollections(db: Db): Promise<string[]> {
  const created: string[] = []
  for (const name of Object.keys(INDEXES)) {
    try {
      await (db as unknown as { createCollection(n: string): Promise<unknown> }).createCollection(name)
      created.push(name)
    } catch (err) {
      // Already there: createCollection fails with "collection already exists" (-502002), which is fine.
      if (!(err instanceof Error) || !/exist/i.test(err.message)) throw err
    }
  }
  return created
}
