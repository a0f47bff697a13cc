import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { OrgTreeNode } from '@/domain/org.tree'
import OrgPage from '@/packages/admin/pages/org/index'
import RosterPage from '@/packages/admin/pages/roster/index'
import MemberAdminPage from '@/packages/admin/pages/member/index'
import type { MemberView } from '@/contract'
import { useSessionStore } from '@/stores/session.store'
import { ApiError } from '@/services/api-client'
import { fakeCloud } from './support/cloud'
import { me, member, typeInto, typeIntoTextarea } from './support/helpers'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

const node = (n: Partial<OrgTreeNode> & Pick<OrgTreeNode, '_id' | 'name' | 'type'>): OrgTreeNode => ({
  parentId: null,
  ancestors: [],
  sort: 0,
  children: [],
  ...n,
})
const group = node({
  _id: 'g1',
  name: '第一党小组',
  type: 'group',
  parentId: 'b1',
  ancestors: ['root', 'b1'],
  revision: 3,
})
const b1 = node({
  _id: 'b1',
  name: '办公室党支部',
  type: 'branch',
  parentId: 'root',
  ancestors: ['root'],
  children: [group],
})
const b2 = node({ _id: 'b2', name: '预算处党支部', type: 'branch', parentId: 'root', ancestors: ['root'], sort: 1 })
const tree = [node({ _id: 'root', name: '机关党委', type: 'committee', children: [b1, b2] })]

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({})
  cloud.reply('member.tree', { tree })
  // The member page lists her 学习心得 (staff-reflections.test.tsx covers that card).
  cloud.reply('study.memberReflections', { items: [], total: 0, page: 1, pageSize: 20, year: 2026 })
})

function signIn(role: 'org_admin' | 'branch_admin') {
  useSessionStore.setState({ me: me({ member: member({ id: 'me', role, branchId: 'b1' }) }) })
}

/**
 * Opens her page as the roster does (?id=): member.get answers her as the cloud now holds her, so a change the test
 * answers is what a refetch reads too.
 */
function openMember(m: MemberView) {
  let current = m
  setPageParams({ id: m.id })
  cloud.reply('member.get', () => ({ member: current }))
  return (next: MemberView) => {
    current = next
  }
}

async function tapOrg(container: HTMLElement, id: string) {
  const el = await waitFor(() => {
    const e = container.querySelector(`[data-org-id="${id}"]`) as HTMLElement | null
    if (!e) throw new Error('not yet')
    return e
  })
  fireEvent.click(el)
}

const chooseAction = (label: string) =>
  (Taro.showActionSheet as jest.Mock).mockImplementationOnce(({ itemList }: { itemList: string[] }) => {
    const i = itemList.indexOf(label)
    return i < 0
      ? Promise.reject(new Error(`no "${label}" in ${itemList.join('/')}`))
      : Promise.resolve({ tapIndex: i })
  })

test('the org admin adds a 党小组 under a branch', async () => {
  signIn('org_admin')
  cloud.reply('member.upsertOrg', { org: { id: 'g2', name: '第二党小组', type: 'group', parentId: 'b1' } })
  const { container } = render(<OrgPage />)
  chooseAction('新建党小组')
  await tapOrg(container, 'b1')
  await typeInto(container, 'org-name', '第二党小组')
  fireEvent.click(container.querySelector('#org-confirm')!)
  await waitFor(() =>
    expect(cloud.calls('member.upsertOrg')).toEqual([{ name: '第二党小组', type: 'group', parentId: 'b1' }]),
  )
  expect(cloud.calls('member.tree')).toHaveLength(2)
})

test('moving offers only places the org may go, and a refusal stays in the dialog', async () => {
  signIn('org_admin')
  cloud.fail('member.upsertOrg', new ApiError('CONFLICT', '同一上级下已有名为“第一党小组”的组织'))
  const { container } = render(<OrgPage />)
  chooseAction('移动到…')
  await tapOrg(container, 'g1')
  expect(await screen.findByText('移动第一党小组')).toBeInTheDocument()
  // The dialog takes the org's name once open (an effect); a person sees it in the field before tapping 确定.
  await waitFor(() => expect(container.querySelector('input#org-name')).toHaveValue('第一党小组'))
  fireEvent.click(container.querySelector('#org-confirm')!)
  expect(await screen.findByRole('alert')).toHaveTextContent('同一上级下已有名为“第一党小组”的组织')
  // A group may only sit under a branch: the committee is not offered.
  const sheet = (Taro.showActionSheet as jest.Mock).mock.calls[0][0].itemList as string[]
  expect(sheet).toEqual(['改名', '移动到…', '撤销'])
})

test('a rename sends the revision the tree showed; one refused as edited elsewhere reads the tree again and says why', async () => {
  signIn('org_admin')
  let current = tree
  cloud.reply('member.tree', () => ({ tree: current }))
  cloud.reply('member.upsertOrg', () => {
    // Another admin moved it meanwhile: the tree now says so.
    current = [
      {
        ...tree[0],
        children: [
          { ...b1, children: [] },
          { ...b2, children: [{ ...group, parentId: 'b2' }] },
        ],
      },
    ]
    throw new ApiError('EDITED_ELSEWHERE', '这项内容在您打开后已被修改并保存（可能是其他管理员），您的修改未保存。')
  })
  const { container } = render(<OrgPage />)
  chooseAction('改名')
  await tapOrg(container, 'g1')
  await waitFor(() => expect(container.querySelector('input#org-name')).toHaveValue('第一党小组'))
  await typeInto(container, 'org-name', '综合党小组')
  fireEvent.click(container.querySelector('#org-confirm')!)
  await waitFor(() => expect(cloud.calls('member.upsertOrg')).toHaveLength(1))
  expect(cloud.calls('member.upsertOrg')[0]).toMatchObject({
    id: 'g1',
    revision: 3,
    name: '综合党小组',
    parentId: 'b1',
  })
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '组织已被修改', content: expect.stringContaining('已被修改') }),
    ),
  )
  expect(cloud.calls('member.tree').length).toBeGreaterThan(1)
  expect(container.querySelector('input#org-name')).toBeNull()
})

test('a branch admin sees her branch committee and invite code, and cannot edit the tree', async () => {
  signIn('branch_admin')
  cloud.reply('member.committee', {
    branchId: 'b1',
    branchName: '办公室党支部',
    memberCount: 8,
    posts: [{ post: '书记', memberId: 'm2', name: '李秀英' }],
  })
  cloud.reply('member.inviteCode', { branchId: 'b1', code: 'BGSZB2' })
  const { container } = render(<OrgPage />)
  await tapOrg(container, 'b1')
  expect(await screen.findByText('BGSZB2')).toBeInTheDocument()
  expect(screen.getByText('李秀英')).toBeInTheDocument()
  expect(screen.getByText('党员 8 人')).toBeInTheDocument()
  await tapOrg(container, 'b2')
  expect(Taro.showActionSheet).not.toHaveBeenCalled()
})

test('marking a member 转出 asks for the reason, shows the result, and a refusal is shown in place', async () => {
  signIn('branch_admin')
  const sun = member({ id: 'm5', name: '孙浩然', branchId: 'b1', branchName: '办公室党支部' })
  const cloudHolds = openMember(sun)
  cloud.fail('member.setStatus', new ApiError('INVALID_INPUT', '请注明转出的说明（如转往的单位、决定文号）'))
  cloud.reply('member.setStatus', () => {
    const left: MemberView = { ...sun, status: 'left', leftReason: 'transferred', leftAt: '2026-11-23T02:00:00.000Z' }
    cloudHolds(left)
    return { member: left }
  })
  const { container } = render(<MemberAdminPage />)
  fireEvent.click(await screen.findByText('转出'))
  await typeIntoTextarea(container, 'reason-input', '调往市审计局')
  fireEvent.click(container.querySelector('#reason-confirm')!)
  expect(await screen.findAllByText('请注明转出的说明（如转往的单位、决定文号）')).not.toHaveLength(0)
  fireEvent.click(container.querySelector('#reason-confirm')!)
  expect(await screen.findByText(/已转出（2026-11-23）/)).toBeInTheDocument()
  expect(cloud.calls('member.setStatus')).toEqual([
    { memberId: 'm5', status: 'transferred', reason: '调往市审计局' },
    { memberId: 'm5', status: 'transferred', reason: '调往市审计局' },
  ])
  expect(screen.getByText('恢复为在册党员')).toBeInTheDocument()
})

test('only the org admin gets the role picker', async () => {
  signIn('branch_admin')
  openMember(member({ id: 'm5', role: 'member' }))
  const { container, unmount } = render(<MemberAdminPage />)
  await screen.findByText('支委职务')
  expect(container.querySelector('#member-role')).toBeNull()
  unmount()
  signIn('org_admin')
  const again = render(<MemberAdminPage />)
  await waitFor(() => expect(again.container.querySelector('#member-role')).not.toBeNull())
})

test('the org admin exports the roster with full phones only after choosing it', async () => {
  signIn('org_admin')
  cloud.reply('member.list', { items: [member({ id: 'm5', name: '孙浩然' })], total: 1, page: 1, pageSize: 20 })
  cloud.reply('member.exportRoster', {
    fileID: 'f1',
    url: 'http://127.0.0.1/f1.xlsx',
    fileName: '花名册.xlsx',
    rows: 1,
  })
  chooseAction('导出完整手机号（记入审计）')
  render(<RosterPage />)
  fireEvent.click(await screen.findByText('导出 Excel'))
  await waitFor(() => expect(cloud.calls('member.exportRoster')).toEqual([{ orgId: undefined, fullPhones: true }]))
})

test('a branch admin exports without being offered full phones', async () => {
  signIn('branch_admin')
  cloud.reply('member.list', { items: [member({ id: 'm5', name: '孙浩然' })], total: 1, page: 1, pageSize: 20 })
  cloud.reply('member.exportRoster', {
    fileID: 'f1',
    url: 'http://127.0.0.1/f1.xlsx',
    fileName: '花名册.xlsx',
    rows: 1,
  })
  render(<RosterPage />)
  fireEvent.click(await screen.findByText('导出 Excel'))
  await waitFor(() => expect(cloud.calls('member.exportRoster')).toEqual([{ orgId: undefined, fullPhones: false }]))
  expect(Taro.showActionSheet).not.toHaveBeenCalled()
})

test('the org admin sets a role from a one-tap sheet', async () => {
  signIn('org_admin')
  const feng = member({ id: 'm9', name: '冯涛', role: 'member' })
  const cloudHolds = openMember(feng)
  cloud.reply('member.setRole', () => {
    cloudHolds({ ...feng, role: 'branch_admin' as const })
    return { member: { ...feng, role: 'branch_admin' as const } }
  })
  chooseAction('支部管理员')
  const { container } = render(<MemberAdminPage />)
  await screen.findByText('角色')
  fireEvent.click(container.querySelector('#member-role')!)
  await waitFor(() => expect(cloud.calls('member.setRole')).toEqual([{ memberId: 'm9', role: 'branch_admin' }]))
  expect(await screen.findByText('支部管理员 ▾')).toBeInTheDocument()
})

test('a roster row opens the member by id, and her page reads her from the cloud', async () => {
  signIn('branch_admin')
  const sun = member({ id: 'm5', name: '孙浩然', branchId: 'b1', branchName: '办公室党支部' })
  cloud.reply('member.list', { items: [sun], total: 1, page: 1, pageSize: 20 })
  render(<RosterPage />)
  fireEvent.click(await screen.findByText('孙浩然'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/member/index?id=m5' })

  openMember(sun)
  render(<MemberAdminPage />)
  expect(await screen.findAllByText(/孙浩然/)).not.toHaveLength(0)
  expect(cloud.calls('member.get')).toEqual([{ memberId: 'm5' }])
})

test('the member page without an id says where to open one, and a failed read offers 重新加载', async () => {
  signIn('branch_admin')
  setPageParams({})
  const first = render(<MemberAdminPage />)
  expect(await screen.findByText('没有选中的党员')).toBeInTheDocument()
  first.unmount()
  setPageParams({ id: 'm404' })
  cloud.fail('member.get', new ApiError('INTERNAL', '系统繁忙，请稍后再试'))
  render(<MemberAdminPage />)
  expect(await screen.findByText('系统繁忙，请稍后再试')).toBeInTheDocument()
  expect(screen.getByText('重新加载')).toBeInTheDocument()
})

test('a failed roster read offers 重新加载, and a roster filtered to nobody says so', async () => {
  signIn('branch_admin')
  cloud.fail('member.list', new ApiError('NETWORK', '网络不给力，请稍后再试'))
  cloud.reply('member.list', { items: [], total: 0, page: 1, pageSize: 20 })
  render(<RosterPage />)
  expect(await screen.findByText('网络不给力，请稍后再试')).toBeInTheDocument()
  fireEvent.click(screen.getByText('重新加载'))
  expect(await screen.findByText('没有符合条件的党员')).toBeInTheDocument()
})
