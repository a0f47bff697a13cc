import fs from 'fs'
import path from 'path'
import { COLLECTED, PERMISSIONS, PRIVACY_TERMS } from '../../src/content/privacy-guide'
import { ROOT } from './sources'

const doc = fs.readFileSync(path.join(ROOT, 'docs', 'privacy-guide.md'), 'utf8')
const appConfig = fs.readFileSync(path.join(ROOT, 'src', 'app.config.ts'), 'utf8')

describe('the 用户隐私保护指引 in docs/ says what the app says', () => {
  it('lists every item collected and every permission with the same purpose, as table rows', () => {
    for (const i of [...COLLECTED, ...PERMISSIONS]) expect(doc).toContain(`| ${i.what} | ${i.why} |`)
    for (const t of PRIVACY_TERMS) expect(doc).toContain(`- ${t}`)
  })

  it('declares a permission for every privacy API the app calls', () => {
    const sources = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((d) =>
          d.isDirectory() ? sources(path.join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : [],
        )
    const called = new Set<string>()
    for (const f of sources(path.join(ROOT, 'src'))) {
      for (const m of fs
        .readFileSync(f, 'utf8')
        .matchAll(
          /Taro\.(scanCode|chooseMedia|chooseImage|chooseMessageFile|setClipboardData|getClipboardData|getLocation|chooseLocation|getUserProfile|saveImageToPhotosAlbum)\(/g,
        ))
        called.add(m[1])
    }
    expect(called.size).toBeGreaterThan(0)
    for (const api of called) expect([api, doc.includes(`(\`wx.${api}\`)`)]).toEqual([api, true])
  })

  it('turns on WeChat’s privacy check in the app', () => {
    expect(appConfig).toMatch(/__usePrivacyCheck__: true/)
    expect(appConfig).toContain("root: 'packages/privacy/'")
  })
})
