import type { ProcedureName } from '../../../src/contract'
import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'

// Two admins (or one in two tabs) open the same record and both save: the first save lands, the second is refused
// with EDITED_ELSEWHERE and writes nothing (cloudfunctions/_shared/revision.ts). A retried save is answered as done.

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const h = 3600_000
const later = (ms: number) => new Date(t.cloud.clock.now().getTime() + ms).toISOString()

/** One admin editor: how a record is made, read for editing and saved, and where it is stored. */
interface Editor {
  name: string
  collection: string
  save: ProcedureName
  /** Creates the record; answers who edits it and the edit form's input (its id included, no revision). */
  make(): Promise<{ admin: string; input: Record<string, unknown> }>
  /** The editor's read: the record as the form opens on it. */
  open(admin: string, input: Record<string, unknown>): Promise<{ revision: number }>
  /** Another editor's change to the same record. */
  change: Record<string, unknown>
  /** A first editor's change, another field than `change` (the title, unless said). */
  first?: Record<string, unknown>
}

const EDITORS: Editor[] = [
  {
    name: '活动',
    collection: 'activities',
    save: 'activity.save',
    async make() {
      const admin = await t.openidOf('赵晓燕')
      const fields = {
        title: '巾帼志愿者进社区',
        kind: 'volunteer',
        subType: '巾帼志愿者进社区',
        description: '走进幸福里社区，开展垃圾分类宣传和助老服务。',
        place: '幸福里社区党群服务中心',
        startAt: later(48 * h),
        endAt: later(51 * h),
        signupOpenAt: later(-60_000),
        signupCloseAt: later(24 * h),
        capacity: 5,
        waitlist: true,
      }
      const { activity } = await t.ok(admin, 'activity.save', fields)
      return { admin, input: { activityId: activity.id, ...fields } }
    },
    async open(admin, input) {
      return (await t.ok(admin, 'activity.get', { activityId: input.activityId as string })).activity
    },
    change: { place: '幸福里社区文化广场' },
  },
  {
    name: '学习资料',
    collection: 'articles',
    save: 'study.save',
    async make() {
      const admin = await t.openidOf('陈建国')
      const fields = { title: '学习贯彻全会精神', category: '第一议题', markdown: '## 总体要求\n\n深入学习全会精神。' }
      const { article } = await t.ok(admin, 'study.save', fields)
      return { admin, input: { articleId: article.id, ...fields } }
    },
    async open(admin, input) {
      return (await t.ok(admin, 'study.getArticle', { articleId: input.articleId as string })).article
    },
    change: { markdown: '## 总体要求\n\n原原本本学，联系实际学。' },
  },
  {
    name: '测试',
    collection: 'quizzes',
    save: 'quiz.saveQuiz',
    async make() {
      const admin = await t.openidOf('陈建国')
      const fields = {
        title: '七一党内法规测试',
        openAt: later(h),
        closeAt: later(5 * h),
        durationMin: 30,
        mode: 'random',
        draw: { single: 3, multi: 2, judge: 2 },
        points: { single: 2, multi: 4, judge: 1 },
        passMark: 10,
      }
      const { quiz } = await t.ok(admin, 'quiz.saveQuiz', fields)
      return { admin, input: { quizId: quiz.id, ...fields } }
    },
    async open(admin, input) {
      return (await t.ok(admin, 'quiz.getQuiz', { quizId: input.quizId as string })).quiz
    },
    change: { passMark: 12 },
  },
  {
    name: '会议',
    collection: 'meetings',
    save: 'meeting.update',
    async make() {
      const admin = await t.openidOf('李秀英')
      const fields = {
        title: '11 月支部党员大会',
        type: 'branch_assembly',
        startAt: later(2 * h),
        endAt: later(3.5 * h),
        place: '三楼会议室',
        agenda: '学习贯彻党的二十届四中全会精神',
      }
      const { meeting } = await t.ok(admin, 'meeting.create', { branchId: 'org_office', ...fields })
      return { admin, input: { meetingId: meeting.id, ...fields } }
    },
    async open(admin, input) {
      return (await t.ok(admin, 'meeting.board', { meetingId: input.meetingId as string })).meeting
    },
    change: { place: '五楼报告厅' },
  },
  {
    name: '投票',
    collection: 'votes',
    save: 'vote.update',
    async make() {
      const admin = await t.openidOf('李秀英')
      const fields = {
        title: '推选优秀党务工作者',
        options: [{ text: '钱文静' }, { text: '何雨桐' }],
        secret: true,
        mode: 'single',
        openAt: later(h),
        closeAt: later(24 * h),
        liveResults: false,
      }
      const { vote } = await t.ok(admin, 'vote.create', { ...fields, eligibility: 'branch', branchId: 'org_office' })
      return { admin, input: { voteId: vote.id, ...fields } }
    },
    // The organiser's form opens on the vote as 投票管理 lists it.
    async open(admin, input) {
      return (await t.ok(admin, 'vote.manage', {})).items.find((v) => v.id === input.voteId)!
    },
    change: { liveResults: true },
  },
  {
    name: '试题',
    collection: 'questions',
    save: 'quiz.saveQuestion',
    async make() {
      const admin = await t.openidOf('陈建国')
      const fields = {
        type: 'single',
        stem: '党的最高领导机关是（ ）',
        options: ['全国代表大会和它所产生的中央委员会', '中央政治局', '中央书记处', '中央军事委员会'],
        answer: [0],
        category: '党章',
      }
      const { question } = await t.ok(admin, 'quiz.saveQuestion', fields)
      return { admin, input: { id: question.id, ...fields } }
    },
    // The question editor opens on the bank list's row.
    async open(admin, input) {
      return (await t.ok(admin, 'quiz.questions', { keyword: '最高领导机关' })).items.find((q) => q.id === input.id)!
    },
    first: { category: '条例' },
    change: { explanation: '党章第十条' },
  },
  {
    name: '组织',
    collection: 'orgs',
    save: 'member.upsertOrg',
    async make() {
      const admin = await t.openidOf('陈建国')
      const fields = { name: '第三党小组', type: 'group', parentId: 'org_office' }
      const { org } = await t.ok(admin, 'member.upsertOrg', fields)
      return { admin, input: { id: org.id, ...fields } }
    },
    // The tree editor opens on the node as 组织架构 shows it.
    async open(admin, input) {
      type Node = { _id: string; revision?: number; name: string; children: Node[] }
      const all = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...all(n.children)])
      const node = all((await t.ok(admin, 'member.tree', {})).tree as Node[]).find((n) => n._id === input.id)!
      return { ...node, revision: node.revision ?? 0 }
    },
    // A rename by one admin, a move by the other (each sends the other field as the tree showed it).
    first: { name: '第三党小组（更名）' },
    change: { parentId: 'org_budget' },
  },
]

const idOf = (input: Record<string, unknown>) =>
  (input.activityId ?? input.articleId ?? input.quizId ?? input.meetingId ?? input.voteId ?? input.id) as string

async function stored(e: Editor, input: Record<string, unknown>) {
  return (await t.cloud.db().collection(e.collection).doc(idOf(input)).get()).data as unknown as Record<string, unknown>
}

/** A hold: stops one call just before its first conditional update, until released. */
function gateBeforeUpdate() {
  let release!: () => void
  let reached!: () => void
  const released = new Promise<void>((r) => (release = r))
  const arrived = new Promise<void>((r) => (reached = r))
  let held = false
  return {
    arrived,
    release,
    beforeRequest: async (action: string) => {
      if (action !== 'database.modifyDocument' || held) return
      held = true
      reached()
      await released
    },
  }
}

describe.each(EDITORS)('$name editor', (e) => {
  it('two saves from the same opened revision: the first lands, the second is refused and writes nothing', async () => {
    const { admin, input } = await e.make()
    const opened = await e.open(admin, input)
    expect(opened.revision).toBe(0)
    const mine = e.first ?? { title: '第一位管理员改的标题' }
    const first = await t.call(admin, e.save, { ...input, revision: opened.revision, ...mine })
    expect(codeOf(first)).toBe('ok')
    const second = await t.call(admin, e.save, { ...input, revision: opened.revision, ...e.change })
    expect(codeOf(second)).toBe('EDITED_ELSEWHERE')
    expect(second.ok ? '' : second.error.message).toContain('重新打开')
    const now = await stored(e, input)
    expect(now).toMatchObject(mine)
    for (const [k, v] of Object.entries(e.change)) expect(now[k]).not.toEqual(v)
    expect(now.revision).toBe(1)
    // Reopened on the latest, the second admin's save lands on top of the first one's.
    const reopened = await e.open(admin, input)
    expect(reopened).toMatchObject({ revision: 1, ...mine })
    await t.ok(admin, e.save, { ...input, ...mine, revision: reopened.revision, ...e.change })
    expect(await stored(e, input)).toMatchObject({ ...mine, revision: 2, ...e.change })
  })

  it('saved at the same moment: the conditional update refuses the one that read before the other wrote', async () => {
    const { admin, input } = await e.make()
    const { revision } = await e.open(admin, input)
    const hold = gateBeforeUpdate()
    // This save has read the record (revision 0) and waits just before its update…
    const slow = t.call(
      admin,
      e.save,
      { ...input, revision, ...(e.first ? e.first : { title: '慢的一次保存' }) },
      { beforeRequest: hold.beforeRequest },
    )
    await hold.arrived
    // …while another admin's save from the same revision lands.
    await t.ok(admin, e.save, { ...input, revision, ...e.change })
    hold.release()
    expect(codeOf(await slow)).toBe('EDITED_ELSEWHERE')
    const untouched = Object.fromEntries(Object.keys(e.first ?? { title: 0 }).map((k) => [k, input[k]]))
    expect(await stored(e, input)).toMatchObject({ ...untouched, revision: 1, ...e.change })
  })

  it('a retried save whose first attempt already applied answers success, not a conflict', async () => {
    const { admin, input } = await e.make()
    const { revision } = await e.open(admin, input)
    const edited = { ...input, revision, ...e.change }
    const first = await t.ok(admin, e.save, edited)
    // The answer was lost on the way back: the same request again.
    const retry = await t.call(admin, e.save, edited)
    expect(codeOf(retry)).toBe('ok')
    expect(retry.ok && Object.values(retry.data)[0]).toMatchObject({ revision: 1 })
    expect(Object.values(first)[0]).toMatchObject({ revision: 1 })
    expect(await stored(e, input)).toMatchObject({ revision: 1, ...e.change })
  })

  it('a record saved before revisions existed counts as revision 0, without a migration', async () => {
    const { admin, input } = await e.make()
    const _ = t.cloud.db().command
    await t.cloud
      .db()
      .collection(e.collection)
      .doc(idOf(input))
      .update({ data: { revision: _.remove() } })
    expect('revision' in (await stored(e, input))).toBe(false)
    expect((await e.open(admin, input)).revision).toBe(0)
    await t.ok(admin, e.save, { ...input, revision: 0, ...e.change })
    expect(await stored(e, input)).toMatchObject({ revision: 1, ...e.change })
    // …and a save from revision 0 after that is someone else's stale one.
    const stale = e.first ?? { title: '过时的修改' }
    expect(codeOf(await t.call(admin, e.save, { ...input, revision: 0, ...stale }))).toBe('EDITED_ELSEWHERE')
  })

  it('an edit that does not say which revision it opened is refused and changes nothing', async () => {
    const { admin, input } = await e.make()
    const res = await t.call(admin, e.save, { ...input, ...e.change })
    expect(codeOf(res)).toBe('INVALID_INPUT')
    // Only an app from before revisions existed saves so: reopening its editor would send none again, so the message
    // says to update the app, not just to reopen the page.
    expect(res.ok ? '' : res.error.message).toContain('版本过旧')
    expect(await stored(e, input)).not.toMatchObject(e.change)
  })

  it('a record removed after the editor read it answers NOT_FOUND', async () => {
    const { admin, input } = await e.make()
    const { revision } = await e.open(admin, input)
    const hold = gateBeforeUpdate()
    const slow = t.call(admin, e.save, { ...input, revision, ...e.change }, { beforeRequest: hold.beforeRequest })
    await hold.arrived
    await t.cloud.db().collection(e.collection).doc(idOf(input)).remove()
    hold.release()
    expect(codeOf(await slow)).toBe('NOT_FOUND')
  })
})

describe('creating', () => {
  it('a new record starts at revision 0 and a repeated create is still one record', async () => {
    for (const e of EDITORS) {
      const { admin, input } = await e.make()
      expect((await e.open(admin, input)).revision).toBe(0)
      expect(await t.count(e.collection, { _id: idOf(input) })).toBe(1)
    }
    // A create repeated (the same new draft saved twice) answers the one record, still unedited.
    const admin = await t.openidOf('陈建国')
    const draft = { title: '重复保存的草稿', category: '第一议题', markdown: '正文内容' }
    const a = await t.ok(admin, 'study.save', draft)
    const b = await t.ok(admin, 'study.save', draft)
    expect(b.article.id).toBe(a.article.id)
    expect(await t.count('articles', { title: '重复保存的草稿' })).toBe(1)
  })

  it('a repeated create does not overwrite the draft another tab has edited since', async () => {
    const admin = await t.openidOf('陈建国')
    const draft = { title: '两个标签页的草稿', category: '第一议题', markdown: '第一稿' }
    const { article } = await t.ok(admin, 'study.save', draft)
    await t.ok(admin, 'study.save', {
      ...draft,
      articleId: article.id,
      revision: 0,
      markdown: '另一个标签页改过的正文',
    })
    // The first tab never got the id back and saves "new" again with its own text.
    const res = await t.call(admin, 'study.save', { ...draft, markdown: '第一个标签页的正文' })
    expect(codeOf(res)).toBe('EDITED_ELSEWHERE')
    expect(await stored(EDITORS[1], { articleId: article.id })).toMatchObject({ markdown: '另一个标签页改过的正文' })
  })
})

describe('会议纪实 (one document per meeting, written on its first save)', () => {
  async function heldMeeting() {
    const admin = await t.openidOf('李秀英')
    const { meeting } = await t.ok(admin, 'meeting.create', {
      branchId: 'org_office',
      title: '11 月支部委员会',
      type: 'branch_committee',
      startAt: later(-2 * h),
      endAt: later(-h),
      place: '三楼会议室',
    })
    const input = {
      meetingId: meeting.id,
      hostId: await t.memberId('李秀英'),
      recorderId: await t.memberId('何雨桐'),
      topics: [{ title: '学习贯彻党的二十届四中全会精神', first: true }],
      minutes: '李秀英同志传达了会议精神，与会同志逐一发言。',
      decisions: ['同意'],
      photos: [],
      materials: [],
      complete: false,
    }
    return { admin, input }
  }
  const storedRecord = async (id: string) =>
    (await t.cloud.db().collection('meeting_records').where({ _id: id }).get()).data[0] as Record<string, unknown>

  it('a 纪实 save without the revision its form opened (an app from before revisions) is told to update the app', async () => {
    const { admin, input } = await heldMeeting()
    const res = await t.call(admin, 'meeting.saveRecord', input)
    expect(codeOf(res)).toBe('INVALID_INPUT')
    expect(res.ok ? '' : res.error.message).toContain('版本过旧')
    expect(await storedRecord(input.meetingId)).toBeUndefined()
  })

  it('two organisers write up an empty record: the first save creates it, the second from "none yet" is refused', async () => {
    const { admin, input } = await heldMeeting()
    const opened = (await t.ok(admin, 'meeting.record', { meetingId: input.meetingId })).record
    expect(opened.revision).toBe(0)
    const first = await t.ok(admin, 'meeting.saveRecord', { ...input, revision: 0 })
    expect(first.record.revision).toBe(1)
    // The same save retried (its answer lost): done, nothing more written.
    expect(codeOf(await t.call(admin, 'meeting.saveRecord', { ...input, revision: 0 }))).toBe('ok')
    const other = await t.call(await t.openidOf('陈建国'), 'meeting.saveRecord', {
      ...input,
      revision: 0,
      minutes: '另一位组织者写的会议记录，覆盖了第一位的。',
    })
    expect(codeOf(other)).toBe('EDITED_ELSEWHERE')
    expect(await storedRecord(input.meetingId)).toMatchObject({ minutes: input.minutes, revision: 1 })
    // From the revision it now has, the next save lands; one from before it does not.
    await t.ok(admin, 'meeting.saveRecord', { ...input, revision: 1, decisions: ['同意', '下月再议'] })
    const stale = await t.call(admin, 'meeting.saveRecord', { ...input, revision: 1, minutes: '过时的会议记录内容。' })
    expect(codeOf(stale)).toBe('EDITED_ELSEWHERE')
    expect(await storedRecord(input.meetingId)).toMatchObject({ decisions: ['同意', '下月再议'], revision: 2 })
  })

  it('saved at the same moment from the same revision: the conditional update lets one through', async () => {
    const { admin, input } = await heldMeeting()
    await t.ok(admin, 'meeting.saveRecord', { ...input, revision: 0 })
    const hold = gateBeforeUpdate()
    const slow = t.call(
      admin,
      'meeting.saveRecord',
      { ...input, revision: 1, minutes: '慢的一次保存写的会议记录。' },
      { beforeRequest: hold.beforeRequest },
    )
    await hold.arrived
    await t.ok(admin, 'meeting.saveRecord', { ...input, revision: 1, decisions: ['另一位组织者的决议'] })
    hold.release()
    expect(codeOf(await slow)).toBe('EDITED_ELSEWHERE')
    expect(await storedRecord(input.meetingId)).toMatchObject({ minutes: input.minutes, revision: 2 })
  })
})
