import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'

// Scope is decided from each org's `ancestors` (_shared/orgs.ts assertCovers). Moving a 党支部 rewrites its groups'
// ancestors (member/org.ts carrySubtree); a rename of one of those groups that read the tree before the move writes
// the ancestors it read. It must not land over the move: a group left with its old path is out of the new 党总支's
// scope and inside the old one's.

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

type Node = { _id: string; revision?: number; name: string; type: string; parentId: string | null; children: Node[] }
const all = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...all(n.children)])

async function node(admin: string, id: string): Promise<Node> {
  return all((await t.ok(admin, 'member.tree', {})).tree as Node[]).find((n) => n._id === id)!
}

async function ancestorsOf(id: string): Promise<string[]> {
  return ((await t.cloud.db().collection('orgs').doc(id).get()).data as unknown as { ancestors: string[] }).ancestors
}

it('a group renamed while its 党支部 moves to another 党总支 ends under the new path', async () => {
  const admin = await t.openidOf('陈建国')
  const { org: gb2 } = await t.ok(admin, 'member.upsertOrg', {
    name: '机关第二党总支',
    type: 'general_branch',
    parentId: 'org_root',
  })
  const group = await node(admin, 'org_office_g1')
  const branch = await node(admin, 'org_office')
  // The rename has read the tree (the group under 办公室党支部 under the first 党总支) and waits before its write…
  let release!: () => void
  let arrived!: () => void
  const reached = new Promise<void>((r) => (arrived = r))
  const gate = new Promise<void>((r) => (release = r))
  let held = false
  const renaming = t.call(
    admin,
    'member.upsertOrg',
    {
      id: group._id,
      revision: group.revision ?? 0,
      name: '第一党小组（学习组）',
      type: 'group',
      parentId: 'org_office',
    },
    {
      beforeRequest: async (action: string) => {
        if (action !== 'database.modifyDocument' || held) return
        held = true
        arrived()
        await gate
      },
    },
  )
  await reached
  // …while another admin moves 办公室党支部 under the second 党总支.
  await t.ok(admin, 'member.upsertOrg', {
    id: branch._id,
    revision: branch.revision ?? 0,
    name: branch.name,
    type: 'branch',
    parentId: gb2.id,
  })
  expect(await ancestorsOf('org_office_g1')).toEqual(['org_root', gb2.id, 'org_office'])
  release()
  const res = await renaming
  // Refused as edited elsewhere, or landed on the new path: never the old path back.
  expect(['ok', 'EDITED_ELSEWHERE']).toContain(codeOf(res))
  expect(await ancestorsOf('org_office_g1')).toEqual(['org_root', gb2.id, 'org_office'])
})
