// `Db.reqClass` is one static shared by every Db, and node-sdk re-assigns it to its HTTP requester
// on every `cloud.database()` call. Pinning it with a getter (setter ignored) on every copy of
// @cloudbase/database that project code or wx-server-sdk could load keeps all Dbs local.
import * as path from 'path'
import { LocalDbRequest } from './request'

const PROJECT_ROOT = path.resolve(__dirname, '..', '..')

/** Directories @cloudbase/database is resolved from: the project, wx-server-sdk and @cloudbase/node-sdk. */
function lookupDirs(): string[] {
  const dirs = [PROJECT_ROOT, process.cwd()]
  for (const [pkg, from] of [
    ['wx-server-sdk', [PROJECT_ROOT, process.cwd()]],
    ['@cloudbase/node-sdk', [PROJECT_ROOT, process.cwd()]],
  ] as const) {
    try {
      const dir = path.dirname(require.resolve(`${pkg}/package.json`, { paths: [...from] }))
      dirs.push(dir)
      if (pkg === 'wx-server-sdk') {
        // node-sdk as wx-server-sdk itself would resolve it (possibly a nested copy).
        dirs.push(path.dirname(require.resolve('@cloudbase/node-sdk/package.json', { paths: [dir] })))
      }
    } catch {
      // Package not installed: nothing to pin there.
    }
  }
  return dirs
}

/** Every resolvable entry file of @cloudbase/database, deduplicated. */
export function databaseModulePaths(): string[] {
  const found = new Set<string>()
  for (const dir of lookupDirs()) {
    try {
      found.add(require.resolve('@cloudbase/database', { paths: [dir] }))
    } catch {
      // Not resolvable from here.
    }
  }
  return [...found]
}

interface DbModule {
  Db: { reqClass?: unknown }
}

/** Pins `Db.reqClass` to the local request class on every copy of @cloudbase/database. Idempotent. */
export function pinRequestClass(): void {
  for (const file of databaseModulePaths()) {
    const mod = require(file) as DbModule
    const current = Object.getOwnPropertyDescriptor(mod.Db, 'reqClass')
    if (current?.get && current.get() === LocalDbRequest) continue
    Object.defineProperty(mod.Db, 'reqClass', {
      configurable: true,
      enumerable: true,
      get: () => LocalDbRequest,
      set: () => {
        // node-sdk assigns its HTTP requester on every database() call; keep the local one.
      },
    })
  }
}
