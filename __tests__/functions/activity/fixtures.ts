import { writeBoundMember } from '../bound-member'
import type { TestCloud } from '../local-cloud'

/** Publishes an activity, as the union admin, signing up from now for a day, held in two days for three hours. */
export async function publishedActivity(t: TestCloud, over: Record<string, unknown> = {}) {
  const admin = await t.openidOf('赵晓燕')
  const now = t.cloud.clock.now().getTime()
  const h = 3600_000
  const { activity } = await t.ok(admin, 'activity.save', {
    title: `巾帼志愿者进社区${Math.random().toString(36).slice(2, 6)}`,
    kind: 'volunteer',
    subType: '巾帼志愿者进社区',
    description: '走进幸福里社区，开展垃圾分类宣传和助老服务。',
    place: '幸福里社区党群服务中心',
    startAt: new Date(now + 48 * h).toISOString(),
    endAt: new Date(now + 51 * h).toISOString(),
    signupOpenAt: new Date(now - 60_000).toISOString(),
    signupCloseAt: new Date(now + 24 * h).toISOString(),
    capacity: 2,
    waitlist: true,
    ...over,
  })
  await t.ok(admin, 'activity.publish', { activityId: activity.id })
  return { admin, activity }
}

/** Adds `n` bound members to 国库处党支部 straight into the database (setup, not what is being tested). */
export async function addMembers(t: TestCloud, n: number): Promise<string[]> {
  const db = t.cloud.db()
  const now = t.cloud.clock.now()
  const openids: string[] = []
  for (let i = 0; i < n; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, async (_, k) => {
        const j = i + k
        const id = `m_bulk_${j}`
        const openid = `wx_bulk_${j}`
        openids.push(openid)
        const phone = `137${String(j).padStart(8, '0')}`
        await writeBoundMember(db, { id, openid, name: `志愿者${j}`, phone, branchId: 'org_treasury' }, now)
      }),
    )
  }
  return openids
}

/** The database requests that write: a call is held or dies before its n-th of these. */
export const WRITES = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
])

/** Who is confirmed and who waits, by name, and the activity's place counter. */
export async function standing(t: TestCloud, activityId: string) {
  const db = t.cloud.db()
  const a = (await db.collection('activities').doc(activityId).get()).data as { taken: number }
  const signups = (await db.collection('signups').where({ activityId }).get()).data as Array<{
    memberName: string
    status: string
  }>
  const names = (status: string) =>
    signups
      .filter((s) => s.status === status)
      .map((s) => s.memberName)
      .sort()
  return { taken: a.taken, confirmed: names('confirmed'), waitlisted: names('waitlisted') }
}

/** A call held just before its `nth` write until `release()`, or dying there when `dieAt` says so. */
export function atWrite(nth: number, dieAt?: number) {
  let release!: () => void
  let arrived!: () => void
  const reached = new Promise<void>((r) => (arrived = r))
  const gate = new Promise<void>((r) => (release = r))
  let writes = 0
  const beforeRequest = async (action: string) => {
    if (!WRITES.has(action)) return
    writes++
    if (writes === dieAt) throw new Error('instance stopped')
    if (writes !== nth) return
    arrived()
    await gate
  }
  return { reached, release: () => release(), opts: { beforeRequest } }
}
