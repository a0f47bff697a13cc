import './support/mock-boundaries'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ERRORS } from '@/contract/errors'
import { ApiError } from '@/services/api-client'
import ArticlePage from '@/packages/study/pages/article/index'
import StudyTab from '@/pages/study/index'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud, held } from './support/cloud'
import { me, typeIntoTextarea } from './support/helpers'
import { articleCard, articleView } from './support/study-activity'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  // The tab pages are for bound members; who the caller is comes from the session.
  useSessionStore.setState({ me: me() })
  setPageParams({ id: 'ar1' })
})

afterEach(() => {
  jest.useRealTimers()
})

const opened = { openedAt: '2026-06-20T01:00:00.000Z', minReadSeconds: 18, secondsSoFar: 0 }

test('an article already read shows 已读 with the recorded time and asks for nothing', async () => {
  cloud.reply('study.get', {
    article: articleView({ read: true, readAt: '2026-06-21T01:00:00.000Z', secondsSpent: 125 }),
  })
  cloud.reply('study.open', opened)
  render(<ArticlePage />)
  expect(await screen.findByText('已读 ✓ · 阅读用时 2 分 05 秒')).toBeInTheDocument()
  await new Promise((r) => setTimeout(r, 400))
  expect(cloud.calls('study.finish')).toEqual([])
})

test('the body is drawn as a heading and a paragraph in the reading style', async () => {
  cloud.reply('study.get', { article: articleView({ coverUrl: 'https://example.com/cover.png' }) })
  cloud.reply('study.open', opened)
  const { container } = render(<ArticlePage />)
  const h2 = await screen.findByText('一、总体要求')
  expect(h2.closest('.ac-h2')?.getAttribute('role')).toBe('heading')
  expect(container.querySelector('.ac .ac-p')).toHaveTextContent('坚持和加强党的全面领导。')
  // The cover is named by the article it belongs to. Taro's <Image> draws its <img> after it is attached, so wait for it
  // (CI on a loaded machine saw the element before its img).
  await waitFor(() =>
    expect(container.querySelector('.article-cover img')?.getAttribute('alt')).toBe(`${articleView().title}封面`),
  )
})

test('a reflection the content check refuses shows STUDY_TEXT_RISKY in place; a short one is refused before calling', async () => {
  cloud.reply('study.get', { article: articleView({ read: true, secondsSpent: 30 }) })
  cloud.reply('study.open', opened)
  cloud.fail('study.reflect', new ApiError('STUDY_TEXT_RISKY', ERRORS.STUDY_TEXT_RISKY))
  const { container } = render(<ArticlePage />)
  await screen.findByText('学习心得')

  await typeIntoTextarea(container, 'reflection-input', '很好')
  fireEvent.click(container.querySelector('#reflection-submit')!)
  expect(await screen.findByText('学习心得至少 10 个字')).toBeInTheDocument()
  expect(cloud.calls('study.reflect')).toEqual([])

  await typeIntoTextarea(container, 'reflection-input', '通过学习，我深刻认识到全面深化改革的重大意义。')
  fireEvent.click(container.querySelector('#reflection-submit')!)
  await waitFor(() => expect(container.querySelector('#reflection-error')).toHaveTextContent(ERRORS.STUDY_TEXT_RISKY))
  expect(cloud.calls('study.reflect')).toEqual([
    { articleId: 'ar1', text: '通过学习，我深刻认识到全面深化改革的重大意义。' },
  ])
})

test('a saved reflection is shown with its time', async () => {
  cloud.reply('study.get', {
    article: articleView({
      read: true,
      secondsSpent: 30,
      reflection: { text: '要把学习成果转化为工作实效。', updatedAt: '2026-06-22T02:00:00.000Z' },
    }),
  })
  cloud.reply('study.open', opened)
  render(<ArticlePage />)
  expect(await screen.findByText('要把学习成果转化为工作实效。')).toBeInTheDocument()
  expect(screen.getByText('保存于 2026-06-22 10:00')).toBeInTheDocument()
})

test('an article of another branch (not found) says so instead of an error', async () => {
  cloud.fail('study.get', new ApiError('NOT_FOUND', '没有找到该资料'))
  cloud.fail('study.open', new ApiError('NOT_FOUND', '没有找到该资料'))
  render(<ArticlePage />)
  expect(await screen.findByText('没有找到该资料')).toBeInTheDocument()
  expect(screen.getByText('资料可能已撤回，或没有推送给您所在的支部')).toBeInTheDocument()
})

test('the 学习 tab lists required items first with 未读/已读 and overdue in red, then the latest', async () => {
  cloud.reply('study.feed', {
    required: [
      articleCard({ id: 'r1', title: '必读一', required: true, deadline: '2026-06-01T10:00:00.000Z', overdue: true }),
      articleCard({ id: 'r2', title: '必读二', required: true, deadline: '2099-06-01T10:00:00.000Z', read: true }),
    ],
    items: [articleCard({ id: 'a1', title: '最新一篇' })],
    total: 1,
    page: 1,
    pageSize: 20,
    subscribeTemplateId: 'tpl_study',
  })
  cloud.reply('study.subscribe', { credits: 1 })
  const { container } = render(<StudyTab />)

  expect(await screen.findByText('必读一')).toBeInTheDocument()
  const req = container.querySelectorAll('#study-required .study-req')
  expect(Array.from(req).map((r) => r.getAttribute('data-article-id'))).toEqual(['r1', 'r2'])
  expect(req[0].className).toContain('study-req-overdue')
  expect(req[0]).toHaveTextContent('已逾期')
  expect(req[0].querySelector('.study-read-tag')).toHaveTextContent('未读')
  expect(req[1].querySelector('.study-read-tag')).toHaveTextContent('已读')
  expect(screen.getByText('1 篇未读')).toBeInTheDocument()
  expect(screen.getByText('最新一篇')).toBeInTheDocument()

  // On H5 the consent is implied by the button; the cloud records it.
  fireEvent.click(container.querySelector('#study-subscribe')!)
  await waitFor(() => expect(cloud.calls('study.subscribe')).toEqual([{ templateId: 'tpl_study', accepted: true }]))

  fireEvent.click(screen.getByText('必读一'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/study/pages/article/index?id=r1' })
})

test('a category tab asks for that category only', async () => {
  cloud.reply('study.feed', { required: [], items: [], total: 0, page: 1, pageSize: 20, subscribeTemplateId: null })
  const { container } = render(<StudyTab />)
  expect(await screen.findByText('这个栏目还没有资料')).toBeInTheDocument()
  fireEvent.click(container.querySelector('#study-cat-党章党规')!)
  await waitFor(() => expect(cloud.calls('study.feed')).toContainEqual({ page: 1, category: '党章党规' }))
})

test('attachments: audio and video files play in place, other links show their title and site, never the raw address', async () => {
  cloud.reply('study.get', {
    article: articleView({
      read: true,
      secondsSpent: 30,
      attachments: [
        { kind: 'pdf', name: '条例全文', url: 'https://files.example.cn/tiaoli.pdf' },
        { kind: 'audio', name: '党课录音', url: 'https://files.example.cn/a/dangke.mp3?sign=1' },
        { kind: 'video', name: '警示教育片', url: 'https://files.example.cn/v/jingshi.mp4' },
        { kind: 'video', name: '学习强国视频', url: 'https://www.xuexi.cn/lgpage/detail/index.html?id=123' },
      ],
    }),
  })
  cloud.reply('study.open', opened)
  const { container } = render(<ArticlePage />)
  await screen.findByText('附件')
  expect(container.querySelector('audio[src="https://files.example.cn/a/dangke.mp3?sign=1"]')).not.toBeNull()
  expect(container.querySelector('[data-kind="video"] video, [data-kind="video"] taro-video-core')).not.toBeNull()
  expect(screen.getByText('来自 xuexi.cn')).toBeInTheDocument()
  expect(container.textContent).not.toContain('https://')
  const open = jest.spyOn(window, 'open').mockImplementation(() => null)
  fireEvent.click(screen.getByText('条例全文'))
  expect(open).toHaveBeenCalledWith('https://files.example.cn/tiaoli.pdf', '_blank', 'noopener')
  open.mockRestore()
})

test('a clock lost on the server is started again and only the seconds still owed are asked for (time adds up over visits)', async () => {
  cloud.reply('study.get', { article: articleView() })
  cloud.reply('study.open', opened)
  cloud.reply('study.open', { ...opened, secondsSoFar: 12 })
  cloud.reply('study.finish', {
    recorded: false,
    already: false,
    secondsSpent: 12,
    needSeconds: 18,
    reason: 'not_opened',
  })
  render(<ArticlePage />)
  // The body fits on the (jsdom) screen: the end is reached without scrolling, and the receipt is asked for.
  expect(await screen.findByText(/请再阅读 [67] 秒/)).toBeInTheDocument()
  expect(cloud.calls('study.open')).toHaveLength(2)
  expect(cloud.calls('study.finish')).toEqual([{ articleId: 'ar1', reachedEnd: true }])
})

// Last: fake timers would also drive the custom elements' own scheduler for the tests after it.
test('reaching the end too fast shows 请再阅读 N 秒, then asks again by itself and shows 已读 with the time spent', async () => {
  jest.useFakeTimers()
  cloud.reply('study.get', { article: articleView() })
  cloud.reply('study.open', opened)
  cloud.reply('study.finish', { recorded: false, already: false, secondsSpent: 3, needSeconds: 18, reason: 'too_fast' })
  cloud.reply('study.finish', { recorded: true, already: false, secondsSpent: 19, needSeconds: null, reason: null })
  render(<ArticlePage />)

  await act(async () => {
    await Promise.resolve()
  })
  expect(await screen.findByText('一、总体要求')).toBeInTheDocument()
  // The body fits on the (jsdom) screen: the end is reached without scrolling.
  await act(async () => {
    jest.advanceTimersByTime(400)
  })
  await waitFor(() => expect(screen.getByText('请再阅读 15 秒')).toBeInTheDocument())
  expect(cloud.calls('study.finish')).toEqual([{ articleId: 'ar1', reachedEnd: true }])

  await act(async () => {
    jest.advanceTimersByTime(10_000)
  })
  expect(screen.getByText(/请再阅读 [1-5] 秒/)).toBeInTheDocument()
  await act(async () => {
    jest.advanceTimersByTime(6_000)
  })
  await waitFor(() => expect(screen.getByText('已读 ✓ · 阅读用时 19 秒')).toBeInTheDocument())
  expect(cloud.calls('study.finish')).toHaveLength(2)
})

test('someone not yet bound sees 尚未绑定 with a way to bind on the 学习 tab, not 加载失败', async () => {
  useSessionStore.setState({ me: me({ member: null }) })
  render(<StudyTab />)
  expect(screen.getByText('尚未绑定党员身份')).toBeInTheDocument()
  fireEvent.click(screen.getByText('去绑定'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/member/pages/bind/index' })
  expect(screen.queryByText('加载失败')).toBeNull()
  expect(cloud.calls('study.feed')).toEqual([])
})

describe('the 学习 tab asks for its feed together with whoami when this device last saw a member', () => {
  const feed = {
    required: [],
    items: [articleCard({ id: 'a1', title: '最新一篇' })],
    total: 1,
    page: 1,
    pageSize: 20,
    subscribeTemplateId: null,
  }

  /** Opens 学习 with whoami held until the test answers it; `likelyMember`: the device last saw a member. */
  function openWithWhoamiHeld(likelyMember: boolean) {
    useSessionStore.getState().reset()
    if (likelyMember) useSessionStore.setState({ likelyMember: true })
    const who = held<ReturnType<typeof me>>()
    cloud.reply('member.whoami', who.answer)
    cloud.reply('study.feed', feed)
    render(<StudyTab />)
    return who
  }

  test('the feed call leaves before whoami has answered, and the feed shows', async () => {
    const who = openWithWhoamiHeld(true)
    await waitFor(() => expect(cloud.calls('study.feed')).toHaveLength(1))
    expect(cloud.calls('member.whoami')).toHaveLength(1)
    who.resolve(me())
    expect(await screen.findByText('最新一篇')).toBeInTheDocument()
  })

  test('whoami then saying she is no longer bound replaces the feed with 尚未绑定', async () => {
    const who = openWithWhoamiHeld(true)
    expect(await screen.findByText('最新一篇')).toBeInTheDocument()
    act(() => who.resolve(me({ member: null })))
    expect(await screen.findByText('尚未绑定党员身份')).toBeInTheDocument()
    expect(screen.queryByText('最新一篇')).toBeNull()
  })

  test('on a device that has not seen a member (or after sign-out), the feed waits for whoami', async () => {
    const who = openWithWhoamiHeld(false)
    expect(useSessionStore.getState().likelyMember).toBe(false)
    await waitFor(() => expect(cloud.calls('member.whoami')).toHaveLength(1))
    expect(cloud.calls('study.feed')).toHaveLength(0)
    who.resolve(me())
    expect(await screen.findByText('最新一篇')).toBeInTheDocument()
    // The answer is remembered for the next launch.
    expect(useSessionStore.getState().likelyMember).toBe(true)
  })
})
