import fs from 'fs'
import path from 'path'

export const ROOT = path.resolve(__dirname, '..', '..')
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions')

/** The function folders the build bundles (cloudfunctions/<name>/index.ts, not _shared). */
export function functionDirs(): string[] {
  return fs
    .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter(
      (d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(FUNCTIONS_DIR, d.name, 'index.ts')),
    )
    .map((d) => d.name)
    .sort()
}

// `import type` / `export type` are left out: esbuild drops them, so what the file they name calls (an open API, an
// environment variable) is not in the bundle (archive reads sign-ups through activity.repo.ts, which names the
// SubscriptionDoc type only).
const IMPORT = /(?:import|export)\s(?!type\s)[^'"]*?from\s+['"](\.[^'"]+)['"]|require\(\s*['"](\.[^'"]+)['"]\s*\)/g

function resolveTs(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

/**
 * Every source file a function's bundle is made of (relative imports followed from its index.ts, type-only imports
 * left out as esbuild leaves them out): what esbuild would pull in from this repository.
 */
export function sourcesOf(fn: string): string[] {
  const seen = new Set<string>()
  const queue = [path.join(FUNCTIONS_DIR, fn, 'index.ts')]
  while (queue.length) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const text = fs.readFileSync(file, 'utf8')
    for (const m of text.matchAll(IMPORT)) {
      const next = resolveTs(file, m[1] ?? m[2])
      if (next) queue.push(next)
    }
  }
  return [...seen].sort()
}

/** All matches of `re`'s first group across the files, each once. */
export function collect(files: string[], re: RegExp): Set<string> {
  const out = new Set<string>()
  for (const f of files) for (const m of fs.readFileSync(f, 'utf8').matchAll(re)) out.add(m[1])
  return out
}
