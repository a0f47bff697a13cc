import fs from 'fs'
import path from 'path'

/** The project root, found by walking up (this file runs from emulator/ under jest and from build/emulator/ bundled). */
export function projectRoot(): string {
  let dir = __dirname
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'cloudfunctions'))) {
    const up = path.dirname(dir)
    if (up === dir) throw new Error('project root not found')
    dir = up
  }
  return dir
}

export const paths = {
  get functions() {
    return path.join(projectRoot(), 'build', 'cloudfunctions')
  },
  /** The deploy manifest: each function's timeout, triggers and variables (scripts/deploy/manifest.js reads it). */
  get manifest() {
    return path.join(projectRoot(), 'cloudbaserc.json')
  },
  get h5() {
    return path.join(projectRoot(), 'dist-h5')
  },
  get data() {
    return process.env.LOCAL_CLOUD_DATA ?? path.join(projectRoot(), '.data')
  },
}
