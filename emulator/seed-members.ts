import type { Role } from '../src/domain/roles'

// The demo organisation's people, apart from the seeding itself so that browser journeys can name a member's demo
// phone number without loading the seed's content (markdown-it and the other cloud-side modules).

type State = 'bound' | 'unbound' | 'pending' | 'unbind_requested'
interface SeedMember {
  name: string
  branch: string
  group?: string
  role?: Role
  title?: string
  gender: '男' | '女'
  state?: State
}

// Names and phone numbers are invented. Unbound members exist so the bind path can be tried from the sign-in page.
export const MEMBERS: SeedMember[] = [
  {
    name: '陈建国',
    branch: 'org_office',
    group: 'org_office_g1',
    role: 'org_admin',
    title: '机关党委专职副书记',
    gender: '男',
  },
  {
    name: '李秀英',
    branch: 'org_office',
    group: 'org_office_g1',
    role: 'branch_admin',
    title: '支部书记',
    gender: '女',
  },
  {
    name: '赵晓燕',
    branch: 'org_office',
    group: 'org_office_g2',
    role: 'union_admin',
    title: '工会主席',
    gender: '女',
  },
  { name: '周明', branch: 'org_office', group: 'org_office_g2', gender: '男', state: 'unbound' },
  { name: '钱文静', branch: 'org_office', group: 'org_office_g1', gender: '女' },
  { name: '孙浩然', branch: 'org_office', group: 'org_office_g2', gender: '男' },
  { name: '何雨桐', branch: 'org_office', group: 'org_office_g1', title: '组织委员', gender: '女' },
  { name: '马俊杰', branch: 'org_office', group: 'org_office_g2', gender: '男' },
  { name: '王志强', branch: 'org_budget', role: 'branch_admin', title: '支部书记', gender: '男' },
  { name: '孙婷', branch: 'org_budget', gender: '女', state: 'unbound' },
  { name: '郑洁', branch: 'org_budget', gender: '女', state: 'pending' },
  { name: '冯涛', branch: 'org_budget', gender: '男' },
  { name: '许佳琪', branch: 'org_budget', gender: '女' },
  { name: '韩磊', branch: 'org_budget', gender: '男' },
  { name: '曹雪梅', branch: 'org_budget', title: '纪检委员', gender: '女' },
  { name: '邓国栋', branch: 'org_budget', gender: '男' },
  {
    name: '张丽华',
    branch: 'org_treasury',
    group: 'org_treasury_g1',
    role: 'branch_admin',
    title: '支部书记',
    gender: '女',
  },
  { name: '吴磊', branch: 'org_treasury', group: 'org_treasury_g1', gender: '男', state: 'unbound' },
  { name: '黄海', branch: 'org_treasury', group: 'org_treasury_g1', gender: '男', state: 'unbind_requested' },
  { name: '林静怡', branch: 'org_treasury', group: 'org_treasury_g1', gender: '女' },
  { name: '罗成', branch: 'org_treasury', gender: '男' },
  { name: '谢婉清', branch: 'org_treasury', gender: '女' },
  { name: '唐志远', branch: 'org_treasury', title: '宣传委员', gender: '男' },
  { name: '宋佳', branch: 'org_treasury', gender: '女' },
  { name: '刘德明', branch: 'org_retired', role: 'branch_admin', title: '支部书记', gender: '男' },
  { name: '杨桂兰', branch: 'org_retired', gender: '女' },
  { name: '高建华', branch: 'org_retired', gender: '男' },
  { name: '胡秀珍', branch: 'org_retired', gender: '女' },
  { name: '郭长青', branch: 'org_retired', gender: '男' },
  { name: '梁玉芬', branch: 'org_retired', gender: '女' },
  { name: '宋卫东', branch: 'org_retired', gender: '男' },
  { name: '程晓梅', branch: 'org_retired', gender: '女' },
]

/** Demo phone number of the i-th seeded member (1390000xxxx). */
export function demoPhone(i: number): string {
  return `1390000${String(1001 + i * 7).padStart(4, '0')}`
}

/** The demo phone number of a seeded member, by name (browser journeys that write a roster file use it). */
export function demoPhoneOf(name: string): string {
  const i = MEMBERS.findIndex((m) => m.name === name)
  if (i < 0) throw new Error(`no seeded member named ${name}`)
  return demoPhone(i)
}
