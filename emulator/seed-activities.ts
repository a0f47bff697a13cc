import type { ActivityDoc, SignupDoc } from '../cloudfunctions/activity/docs'
import { signupIdOf } from '../cloudfunctions/activity/docs'
import type { Db } from '../cloudfunctions/_shared/db-types'

const DAY = 24 * 3600_000
const HOUR = 3600_000

type Plan = Pick<
  ActivityDoc,
  | 'title'
  | 'kind'
  | 'subType'
  | 'description'
  | 'place'
  | 'capacity'
  | 'waitlist'
  | 'rotationMonths'
  | 'extraFields'
  | 'approval'
> & {
  id: string
  startsInDays: number
  hours: number
  audienceBranchIds?: string[]
}

const PLANS: Plan[] = [
  {
    id: 'ac_demo_community',
    title: '巾帼志愿者进社区：垃圾分类宣传',
    kind: 'volunteer',
    subType: '巾帼志愿者进社区',
    description:
      '走进幸福里社区，协助开展垃圾分类宣传、入户讲解和助老服务。请穿志愿者马甲，准时到社区党群服务中心集合。',
    place: '幸福里社区党群服务中心',
    capacity: 3,
    waitlist: true,
    rotationMonths: null,
    approval: false,
    startsInDays: 3,
    hours: 3,
    extraFields: [{ key: 'size', label: '马甲尺码', type: 'select', options: ['M', 'L', 'XL'], required: true }],
  },
  {
    id: 'ac_demo_traffic',
    title: '文明交通志愿服务（早高峰）',
    kind: 'volunteer',
    subType: '文明交通',
    description: '在机关附近路口协助交警劝导文明出行。',
    place: '人民路与解放路交叉口',
    capacity: 10,
    waitlist: false,
    rotationMonths: null,
    approval: false,
    startsInDays: -10,
    hours: 2,
    extraFields: [],
  },
  {
    id: 'ac_demo_walk',
    title: '职工健步走',
    kind: 'union',
    subType: '职工健步走',
    description: '环滨江绿道健步走约 6 公里，欢迎携带家属参加。',
    place: '滨江公园南门',
    capacity: null,
    waitlist: false,
    rotationMonths: null,
    approval: false,
    startsInDays: 6,
    hours: 2,
    extraFields: [{ key: 'family', label: '是否携带家属', type: 'bool' }],
  },
  {
    id: 'ac_demo_rest',
    title: '劳模和先进工作者疗休养',
    kind: 'union',
    subType: '疗休养',
    description: '为期三天的疗休养，名额有限，一年内参加过疗休养的同志不再报名。',
    place: '莫干山职工疗休养基地',
    capacity: 5,
    waitlist: true,
    rotationMonths: 12,
    approval: true,
    startsInDays: 20,
    hours: 8,
    extraFields: [],
  },
]

/** Demo activities, with a few sign-ups and one finished volunteer service with hours, in the activity function's shapes. */
export async function seedActivities(
  db: Db,
  now: Date,
  createdBy: string,
  people: Array<{ id: string; name: string; branchId: string }>,
): Promise<number> {
  for (const p of PLANS) {
    const startAt = new Date(now.getTime() + p.startsInDays * DAY)
    const past = p.startsInDays < 0
    const signers = p.id === 'ac_demo_community' ? people.slice(0, 2) : past ? people.slice(0, 4) : []
    const { id, startsInDays: _s, hours, audienceBranchIds, ...fields } = p
    const doc: Omit<ActivityDoc, '_id'> = {
      ...fields,
      cover: null,
      startAt,
      endAt: new Date(startAt.getTime() + hours * HOUR),
      signupOpenAt: new Date(startAt.getTime() - 20 * DAY),
      signupCloseAt: new Date(startAt.getTime() - (past ? 2 : 0.5) * DAY),
      taken: signers.length,
      // Nobody waits on the demo activities: an empty queue and no release under way (cloudfunctions/activity/places.ts).
      queue: [],
      releasing: [],
      audienceBranchIds: audienceBranchIds ?? [],
      cancelUntil: null,
      status: 'published',
      createdBy,
      createdAt: now,
      updatedAt: now,
    }
    await db.collection('activities').doc(id).set({ data: doc })
    for (const [i, m] of signers.entries()) {
      const checkInAt = past ? new Date(startAt.getTime() - 10 * 60_000) : null
      const checkOutAt = past ? new Date(startAt.getTime() + hours * HOUR) : null
      const s: Omit<SignupDoc, '_id'> = {
        activityId: id,
        activityTitle: p.title,
        kind: p.kind,
        subType: p.subType,
        activityStartAt: startAt,
        memberId: m.id,
        memberName: m.name,
        branchId: m.branchId,
        status: 'confirmed',
        waitAt: null,
        extra: p.id === 'ac_demo_community' ? [{ key: 'size', value: i ? 'M' : 'L' }] : [],
        createdAt: new Date(now.getTime() - DAY),
        updatedAt: now,
        promotedAt: null,
        checkInAt,
        checkOutAt,
        hours: past ? hours : null,
        rejectReason: null,
      }
      await db.collection('signups').doc(signupIdOf(id, m.id)).set({ data: s })
    }
  }
  return PLANS.length
}
