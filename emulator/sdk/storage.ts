import fs from 'fs'
import path from 'path'

/** Cloud storage on disk: `cloud://local/<cloudPath>` ↔ `<dir>/<cloudPath>`. */
export interface LocalStorage {
  dir: string
  upload(cloudPath: string, content: Buffer): string
  download(fileID: string): Buffer
  remove(fileID: string): boolean
  /** The local file for an HTTP path under /cloud/storage/, or null if outside the folder or missing. */
  resolvePublic(relPath: string): string | null
  urlFor(fileID: string): string
}

const PREFIX = 'cloud://local/'

export function createStorage(dir: string, baseUrl: () => string): LocalStorage {
  const fileFor = (cloudPath: string) => {
    const clean = path.posix.normalize('/' + cloudPath.replace(/\\/g, '/')).slice(1)
    if (!clean || clean.startsWith('..')) throw Object.assign(new Error('invalid cloudPath'), { errCode: -503003 })
    return path.join(dir, clean)
  }
  const pathOf = (fileID: string) => {
    if (!fileID.startsWith(PREFIX))
      throw Object.assign(new Error(`storage: file not found: ${fileID}`), { errCode: -503003 })
    return fileID.slice(PREFIX.length)
  }
  return {
    dir,
    upload(cloudPath, content) {
      const file = fileFor(cloudPath)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, content)
      return PREFIX + path.relative(dir, file).split(path.sep).join('/')
    },
    download(fileID) {
      const file = fileFor(pathOf(fileID))
      if (!fs.existsSync(file))
        throw Object.assign(new Error(`storage: file not found: ${fileID}`), { errCode: -503003 })
      return fs.readFileSync(file)
    },
    remove(fileID) {
      const file = fileFor(pathOf(fileID))
      if (!fs.existsSync(file)) return false
      fs.unlinkSync(file)
      return true
    },
    resolvePublic(relPath) {
      try {
        const file = fileFor(decodeURIComponent(relPath))
        return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null
      } catch {
        return null
      }
    },
    urlFor(fileID) {
      return `${baseUrl()}/cloud/storage/${pathOf(fileID).split('/').map(encodeURIComponent).join('/')}`
    },
  }
}
