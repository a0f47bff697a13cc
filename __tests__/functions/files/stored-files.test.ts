import { startTestCloud, type TestCloud } from '../local-cloud'
import { writeCounter } from '../proof/db-hash'

/**
 * A cover, an attachment or a candidate's picture must be a file that was uploaded: an id naming nothing (a broken
 * client, a file deleted meanwhile) is refused with a message saying to upload again, and nothing is saved.
 */
let t: TestCloud
let writes: () => number
beforeAll(async () => {
  t = await startTestCloud()
  writes = writeCounter(t)
})
afterAll(() => t.close())

const at = (h: number) => new Date(t.cloud.clock.now().getTime() + h * 3600_000).toISOString()
const GHOST = 'cloud://local-env.6c6f-local-env/study-covers/never-uploaded.png'

describe('files that were never uploaded', () => {
  it.each([
    [
      'a 学习资料 cover',
      'study.save',
      (f: string) => ({ title: '学习资料', category: '理论学习', markdown: '正文', cover: f }),
    ],
    [
      'a 学习资料 attachment',
      'study.save',
      (f: string) => ({
        title: '学习资料二',
        category: '理论学习',
        markdown: '正文',
        attachments: [{ kind: 'pdf', name: '原文.pdf', url: f }],
      }),
    ],
    [
      'an activity cover',
      'activity.save',
      (f: string) => ({
        title: '社区志愿服务',
        kind: 'volunteer',
        subType: '社区服务',
        description: '助老服务',
        place: '社区',
        startAt: at(48),
        endAt: at(51),
        signupOpenAt: at(-1),
        signupCloseAt: at(24),
        cover: f,
      }),
    ],
    [
      "a candidate's picture",
      'vote.create',
      (f: string) => ({
        title: '评选',
        options: [{ text: '甲', images: [f] }, { text: '乙' }],
        eligibility: 'all',
        secret: true,
        mode: 'single',
        openAt: at(-1),
        closeAt: at(24),
        liveResults: false,
      }),
    ],
  ] as const)('%s is refused and nothing is saved; the uploaded file is accepted', async (_what, procedure, input) => {
    const admin = await t.openidOf('陈建国')
    const before = writes()
    const res = await t.call(admin, procedure as never, input(GHOST) as never)
    expect(res).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) })
    expect(!res.ok && res.error.message).toMatch(/文件不存在或已删除，请重新上传/)
    expect(writes()).toBe(before)
    const real = t.cloud.storage.upload(`uploads/${procedure}-${Math.random()}.png`, Buffer.from('png'))
    expect((await t.call(admin, procedure as never, input(real) as never)).ok).toBe(true)
  })
})

describe('saving an edited article', () => {
  it('keeps the stored cover, accepts a new attachment and asks storage once for both', async () => {
    const admin = await t.openidOf('陈建国')
    const cover = t.cloud.storage.upload('study-covers/cover.png', Buffer.from('png'))
    const saved = await t.ok(admin, 'study.save', {
      title: '封面回传',
      category: '理论学习',
      markdown: '正文',
      cover,
    })
    const added = t.cloud.storage.upload('study-files/new.pdf', Buffer.from('pdf'))
    const sdk = t.cloud.sdk as { getTempFileURL: (p: { fileList: string[] }) => Promise<unknown> }
    const ask = jest.spyOn(sdk, 'getTempFileURL')
    try {
      await t.ok(admin, 'study.save', {
        articleId: saved.article.id,
        revision: saved.article.revision,
        title: '封面回传',
        category: '理论学习',
        markdown: '正文',
        cover,
        attachments: [{ kind: 'pdf', name: '原文.pdf', url: added }],
      })
      const stored = (await t.cloud.db().collection('articles').doc(saved.article.id).get()).data as {
        cover: string
        attachments: Array<{ url: string }>
      }
      expect(stored.cover).toBe(cover)
      expect(stored.attachments.map((a) => a.url)).toEqual([added])
      // Mapping shown links back to stored ids, checking the new file and the links the answer shows: one storage
      // round, not three.
      expect(ask).toHaveBeenCalledTimes(1)
      expect(ask.mock.calls[0][0].fileList).toEqual(expect.arrayContaining([cover, added]))
    } finally {
      ask.mockRestore()
    }
  })
})
