import JSZip from 'jszip'
import QRCode from 'qrcode'
import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

/** A real PNG in cloud storage, as the app uploads a compressed photo. */
async function photo(width: number, name: string): Promise<string> {
  return t.cloud.storage.upload(`meeting-photos/${name}.png`, await QRCode.toBuffer(name, { width }))
}

/** The revision of the meeting's 纪实 as stored (0: none yet): what the record form would open on. */
async function storedRevision(meetingId: string): Promise<number> {
  const doc = (await t.cloud.db().collection('meeting_records').where({ _id: meetingId }).get()).data[0]
  return (doc?.revision as number | undefined) ?? 0
}

async function recordInput(meetingId: string, over: Record<string, unknown> = {}) {
  return {
    meetingId,
    revision: await storedRevision(meetingId),
    hostId: await t.memberId('李秀英'),
    recorderId: await t.memberId('何雨桐'),
    topics: [
      { title: '审议发展党员事项', first: false },
      { title: '学习习近平总书记重要讲话精神', first: true },
    ],
    minutes: '李秀英同志传达了上级文件精神。\n与会党员结合工作实际逐一发言，一致同意提交支部党员大会讨论。',
    decisions: ['同意钱文静同志列为入党积极分子'],
    photos: [],
    materials: [],
    complete: true,
    ...over,
  }
}

async function docText(url: string): Promise<{ xml: string; media: string[] }> {
  const file = t.cloud.storage.download(url)
  const zip = await JSZip.loadAsync(file)
  const xml = await zip.file('word/document.xml')!.async('string')
  return { xml: xml.replace(/<[^>]+>/g, ''), media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')) }
}

describe('meeting 纪实', () => {
  it('the secretary saves a draft during the meeting and completes it after; lists and compliance show what lacks a record', async () => {
    const { admin, meeting } = await officeMeeting(t)
    const draft = await t.ok(
      admin,
      'meeting.saveRecord',
      await recordInput(meeting.id, { complete: false, minutes: '' }),
    )
    expect(draft.record.state).toBe('draft')
    expect(draft.record.gaps).toEqual(['请填写会议记录（至少 10 个字）'])
    // The 第一议题 is filed first whatever order it was typed in.
    expect(draft.record.topics.map((x) => x.first)).toEqual([true, false])
    expect((await t.ok(admin, 'meeting.list', {})).items[0].recordState).toBe('draft')
    const year = 2026
    expect(
      (await t.ok(admin, 'meeting.compliance', { branchId: 'org_office', year })).missingRecords.map(
        (m) => m.meetingId,
      ),
    ).toEqual([meeting.id])

    const refused = await t.call(admin, 'meeting.saveRecord', await recordInput(meeting.id, { minutes: '太短' }))
    expect(codeOf(refused)).toBe('RECORD_INCOMPLETE')
    expect((await t.ok(admin, 'meeting.record', { meetingId: meeting.id })).record.state).toBe('draft')

    t.cloud.clock.advance(2 * 3600_000)
    await t.ok(admin, 'meeting.close', { meetingId: meeting.id })
    const done = await t.ok(admin, 'meeting.saveRecord', await recordInput(meeting.id))
    expect(done.record).toMatchObject({
      state: 'complete',
      gaps: [],
      host: { name: '李秀英' },
      recorder: { name: '何雨桐' },
    })
    expect((await t.ok(admin, 'meeting.list', {})).items[0].recordState).toBe('complete')
    expect((await t.ok(admin, 'meeting.compliance', { branchId: 'org_office', year })).missingRecords).toEqual([])
    const org = await t.ok(await t.openidOf('陈建国'), 'meeting.recordCompleteness', { year })
    expect(org.rows.find((r) => r.branchId === 'org_office')).toEqual({
      branchId: 'org_office',
      branchName: '办公室党支部',
      held: 1,
      complete: 1,
    })
    expect(org.rows.find((r) => r.branchId === 'org_budget')).toMatchObject({ held: 0, complete: 0 })
    expect(codeOf(await t.call(admin, 'meeting.recordCompleteness', { year }))).toBe('FORBIDDEN')
  })

  it('members expected at the meeting read the completed record, also when absent; drafts and other branches stay hidden', async () => {
    const { admin, meeting } = await officeMeeting(t)
    await t.ok(admin, 'meeting.saveRecord', await recordInput(meeting.id, { complete: false }))
    const ma = await t.openidOf('马俊杰')
    expect((await t.ok(ma, 'meeting.record', { meetingId: meeting.id })).record).toMatchObject({
      state: 'none',
      minutes: '',
      decisions: [],
    })
    const pic = await photo(40, 'a')
    await t.ok(admin, 'meeting.saveRecord', await recordInput(meeting.id, { photos: [pic] }))
    t.cloud.clock.advance(3 * 3600_000)
    const { record } = await t.ok(ma, 'meeting.record', { meetingId: meeting.id })
    expect(record.state).toBe('complete')
    expect(record.minutes).toMatch(/一致同意/)
    expect(record.decisions).toEqual(['同意钱文静同志列为入党积极分子'])
    expect(record.photos).toEqual([{ fileID: pic, url: expect.stringMatching(/^http/) }])
    expect(record.attendance.absent).toContain('马俊杰')
    expect(codeOf(await t.call(await t.openidOf('冯涛'), 'meeting.record', { meetingId: meeting.id }))).toBe(
      'NOT_FOUND',
    )
    expect(codeOf(await t.call(await t.openidOf('王志强'), 'meeting.saveRecord', await recordInput(meeting.id)))).toBe(
      'OUT_OF_SCOPE',
    )
  })

  it('refuses a record before the meeting starts, people from elsewhere, and links instead of uploaded files', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 60 })
    expect(codeOf(await t.call(admin, 'meeting.saveRecord', await recordInput(meeting.id)))).toBe('RECORD_TOO_EARLY')
    t.cloud.clock.advance(61 * 60_000)
    expect(
      codeOf(
        await t.call(admin, 'meeting.saveRecord', await recordInput(meeting.id, { hostId: await t.memberId('冯涛') })),
      ),
    ).toBe('INVALID_INPUT')
    expect(
      codeOf(
        await t.call(
          admin,
          'meeting.saveRecord',
          await recordInput(meeting.id, { photos: ['https://example.org/x.png'] }),
        ),
      ),
    ).toBe('INVALID_INPUT')
    // Script and inline-data values are refused by the contract itself, with a message that names the field.
    for (const over of [
      { photos: ['javascript:alert(1)'] },
      { photos: ['data:image/png;base64,iVBORw0KGgo='] },
      { materials: [{ fileID: 'javascript:alert(document.cookie)', name: '会议材料' }] },
    ]) {
      const res = await t.call(admin, 'meeting.saveRecord', await recordInput(meeting.id, over))
      expect(codeOf(res)).toBe('INVALID_INPUT')
      expect(res.ok ? '' : res.error!.message).toMatch(/只能是上传的文件或以 https:\/\/ 开头的网址/)
    }
    expect(await t.count('meeting_records')).toBe(0)
    expect((await t.ok(admin, 'meeting.list', {})).items[0].recordState).toBe('none')
  })

  it('a 组织生活会 is complete only with its 批评与自我批评, and counts once a year in compliance', async () => {
    const { admin, meeting } = await officeMeeting(t, { type: 'org_life', title: '2026 年度组织生活会' })
    expect(codeOf(await t.call(admin, 'meeting.saveRecord', await recordInput(meeting.id)))).toBe('RECORD_INCOMPLETE')
    const criticism = [
      { memberId: await t.memberId('钱文静'), selfCriticism: '理论学习不够系统', criticisms: '何雨桐：希望多联系群众' },
    ]
    const { record } = await t.ok(admin, 'meeting.saveRecord', await recordInput(meeting.id, { criticism }))
    expect(record.criticism).toEqual([
      {
        memberId: criticism[0].memberId,
        name: '钱文静',
        selfCriticism: '理论学习不够系统',
        criticisms: '何雨桐：希望多联系群众',
      },
    ])
    const rows = (await t.ok(admin, 'meeting.compliance', { branchId: 'org_office', year: 2026 })).rows
    expect(rows.find((r) => r.type === 'org_life')?.cells).toEqual([
      { period: '2026', held: 1, required: 1, state: 'met' },
    ])
  })

  it('exports one meeting as a Word file with the absent and on-leave names, topics, minutes, decisions and both photos', async () => {
    const { admin, meeting } = await officeMeeting(t, { startsInMin: 30 })
    const { leave } = await t.ok(await t.openidOf('孙浩然'), 'meeting.requestLeave', {
      meetingId: meeting.id,
      reason: '出差',
    })
    await t.ok(admin, 'meeting.reviewLeave', { leaveId: leave.id, approve: true })
    t.cloud.clock.advance(3 * 3600_000)
    await t.ok(admin, 'meeting.close', { meetingId: meeting.id })
    await t.ok(
      admin,
      'meeting.saveRecord',
      await recordInput(meeting.id, {
        photos: [await photo(80, 'p1'), await photo(60, 'p2')],
        materials: [{ fileID: await photo(10, 'm'), name: '发展党员材料.pdf' }],
      }),
    )
    const out = await t.ok(admin, 'archive.meetingRecord', { meetingId: meeting.id })
    expect(out.fileName).toMatch(/会议纪实\.docx$/)
    const { xml, media } = await docText(out.fileID)
    expect(xml).toContain('办公室党支部支部党员大会记录')
    expect(xml).toContain('主持人李秀英')
    expect(xml).toContain('请假人员孙浩然')
    expect(xml).toMatch(/缺席人员[^请]*马俊杰/)
    expect(xml).toContain('【第一议题】学习习近平总书记重要讲话精神')
    expect(xml).toContain('一致同意提交支部党员大会讨论')
    expect(xml).toContain('1. 同意钱文静同志列为入党积极分子')
    expect(xml).toContain('发展党员材料.pdf')
    expect(media).toHaveLength(2)
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'archive.meetingRecord', { meetingId: meeting.id }))).toBe(
      'FORBIDDEN',
    )
  })

  it('exports a branch period as one document, a page per meeting, marking records not yet complete', async () => {
    const first = await officeMeeting(t, { title: '11 月支部委员会', type: 'branch_committee' })
    await t.ok(first.admin, 'meeting.saveRecord', await recordInput(first.meeting.id))
    t.cloud.clock.advance(24 * 3600_000)
    const second = await officeMeeting(t, { title: '11 月主题党日', type: 'theme_day' })
    t.cloud.clock.advance(3 * 3600_000)
    const out = await t.ok(first.admin, 'archive.branchRecords', {
      branchId: 'org_office',
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-11-30T23:59:59+08:00',
    })
    expect(out.meetings).toBe(2)
    const { xml } = await docText(out.fileID)
    expect(xml).toContain('办公室党支部会议纪实汇编')
    expect(xml.indexOf('11 月支部委员会')).toBeLessThan(xml.indexOf('11 月主题党日'))
    expect(xml).toContain('（本次会议纪实尚未完成）')
    expect(second.meeting.id).toBeTruthy()
    expect(
      codeOf(
        await t.call(await t.openidOf('张丽华'), 'archive.branchRecords', {
          branchId: 'org_office',
          from: '2026-11-01T00:00:00+08:00',
          to: '2026-11-30T00:00:00+08:00',
        }),
      ),
    ).toBe('OUT_OF_SCOPE')
  })
})

describe('谈心谈话', () => {
  it('a secretary records talks; a retry is one record; compliance counts them against the committee rule', async () => {
    const admin = await t.openidOf('李秀英')
    const input = {
      participantIds: [await t.memberId('钱文静')],
      at: '2026-11-20T15:00:00+08:00',
      topic: '思想和工作情况',
      summary: '了解近期工作压力和思想状况，鼓励其积极向党组织靠拢。',
    }
    const first = await t.ok(admin, 'meeting.saveTalk', input)
    const again = await t.ok(admin, 'meeting.saveTalk', input)
    expect(again).toMatchObject({ already: true, talk: { id: first.talk.id } })
    expect(await t.count('talks')).toBe(1)
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'meeting.setTalkRule', { perYear: 2 }))).toBe('FORBIDDEN')
    await t.ok(await t.openidOf('陈建国'), 'meeting.setTalkRule', { perYear: 2 })
    const list = await t.ok(admin, 'meeting.talks', { year: 2026 })
    expect(list).toMatchObject({ total: 1, held: 1, required: 2 })
    expect(list.items[0].participants).toEqual([{ id: await t.memberId('钱文静'), name: '钱文静' }])
    const row = (await t.ok(admin, 'meeting.compliance', { branchId: 'org_office', year: 2026 })).rows.find(
      (r) => r.type === 'talk',
    )
    expect(row).toMatchObject({
      label: '谈心谈话（李秀英每年至少 2 次）',
      cells: [{ held: 1, required: 2, state: 'in_progress' }],
    })
    expect(
      codeOf(await t.call(admin, 'meeting.saveTalk', { ...input, participantIds: [await t.memberId('冯涛')] })),
    ).toBe('INVALID_INPUT')
  })
})
