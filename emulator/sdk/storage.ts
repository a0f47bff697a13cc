import fs from 'fs'
import path from 'path'

/** Cloud storage on disk: `cloud://local/<cloudPath>` ↔ `<dir>/<cloudPath>`. */
export interface LocalStorage {
  dir: string
  /**
   * Writes a file. With `owner` (an upload from the app, through the gateway), the file is that caller's: nobody else
   * may overwrite it, as under CloudBase's default storage rule 所有用户可读，仅创建者可读写 ("write" = upload or
   * overwrite; https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/storage/security-rules). Without one
   * (functions and the seed, the admin side), the write always goes through.
   */
  upload(cloudPath: string, content: Buffer, owner?: string): string
  download(fileID: string): Buffer
  remove(fileID: string): boolean
  /** Whether a file id names a stored file of this environment. */
  exists(fileID: string): boolean
  /** The local file for an HTTP path under /cloud/storage/, or null if outside the folder or missing. */
  resolvePublic(relPath: string): string | null
  urlFor(fileID: string): string
}

const PREFIX = 'cloud://local/'

export function createStorage(dir: string, baseUrl: () => string): LocalStorage {
  const fileFor = (cloudPath: string) => {
    const clean = path.posix.normalize('/' + cloudPath.replace(/\\/g, '/')).slice(1)
    // Dot segments hold the emulator's own bookkeeping (.owners) and are never a file of the app's.
    if (!clean || clean.startsWith('..') || clean.split('/').some((seg) => seg.startsWith('.')))
      throw Object.assign(new Error('invalid cloudPath'), { errCode: -503003 })
    return path.join(dir, clean)
  }
  const ownerFile = (file: string) => path.join(dir, '.owners', path.relative(dir, file))
  const pathOf = (fileID: string) => {
    if (!fileID.startsWith(PREFIX))
      throw Object.assign(new Error(`storage: file not found: ${fileID}`), { errCode: -503003 })
    return fileID.slice(PREFIX.length)
  }
  return {
    dir,
    upload(cloudPath, content, owner) {
      const file = fileFor(cloudPath)
      if (owner !== undefined && fs.existsSync(file)) {
        const holder = fs.existsSync(ownerFile(file)) ? fs.readFileSync(ownerFile(file), 'utf8') : null
        if (holder !== owner)
          throw Object.assign(new Error('storage: file belongs to someone else'), { errCode: -503002 })
      }
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, content)
      if (owner !== undefined) {
        fs.mkdirSync(path.dirname(ownerFile(file)), { recursive: true })
        fs.writeFileSync(ownerFile(file), owner)
      }
      return PREFIX + path.relative(dir, file).split(path.sep).join('/')
    },
    download(fileID) {
      const file = fileFor(pathOf(fileID))
      if (!fs.existsSync(file))
        throw Object.assign(new Error(`storage: file not found: ${fileID}`), { errCode: -503003 })
      return fs.readFileSync(file)
    },
    exists(fileID) {
      try {
        return fs.statSync(fileFor(pathOf(fileID))).isFile()
      } catch {
        return false
      }
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
