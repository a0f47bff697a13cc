import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

describe('离退休干部党支部 and 长辈模式 by default', () => {
  it("members of a branch marked 离退休 start in 长辈模式; others do not; the mark survives a rename and is the committee's to set", async () => {
    expect((await t.ok(await t.openidOf('杨桂兰'), 'member.whoami', {})).elderDefault).toBe(true)
    expect((await t.ok(await t.openidOf('钱文静'), 'member.whoami', {})).elderDefault).toBe(false)

    const org = await t.openidOf('陈建国')
    // A rename from the tree editor does not send the mark: it stays.
    await t.ok(org, 'member.upsertOrg', {
      id: 'org_retired',
      revision: 0,
      name: '离退休干部第一党支部',
      type: 'branch',
      parentId: 'org_root',
    })
    expect((await t.ok(await t.openidOf('杨桂兰'), 'member.whoami', {})).elderDefault).toBe(true)

    await t.ok(org, 'member.upsertOrg', {
      id: 'org_office',
      revision: 0,
      name: '办公室党支部',
      type: 'branch',
      parentId: 'org_root',
      retirees: true,
    })
    expect((await t.ok(await t.openidOf('钱文静'), 'member.whoami', {})).elderDefault).toBe(true)

    expect(
      codeOf(
        await t.call(org, 'member.upsertOrg', {
          id: 'org_office_g1',
          name: '第一党小组',
          type: 'group',
          parentId: 'org_office',
          retirees: true,
        }),
      ),
    ).toBe('INVALID_INPUT')
    expect(
      codeOf(
        await t.call(await t.openidOf('李秀英'), 'member.upsertOrg', {
          id: 'org_office',
          name: '办公室党支部',
          type: 'branch',
          parentId: 'org_root',
          retirees: false,
        }),
      ),
    ).toBe('FORBIDDEN')
  })
})
