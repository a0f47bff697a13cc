import { isDuplicateKey } from '../_shared/duplicate-key'
import { createHash } from 'crypto'
import type { TalkView } from '../../src/contract/meeting.contract'
import { china } from '../../src/domain/time'
import { COL } from '../_shared/collections'
import type { Db, MemberDoc } from '../_shared/context'
import { getDoc, getDocs } from '../_shared/docs'
import { fail } from '../_shared/errors'
import { branchFilter, orgsOf } from '../_shared/orgs'
import { fetchPage } from '../_shared/paging'
import type { MeetingHandler } from '../_shared/handlers'

export interface TalkDoc {
  _id: string
  branchId: string
  secretaryId: string
  secretaryName: string
  participants: Array<{ id: string; name: string }>
  participantIds: string[]
  at: Date
  /** China-time year of `at`: what the yearly rule counts by. */
  year: number
  topic: string
  summary: string
  createdAt: Date
}

/** Until the committee sets its own rule: a secretary talks with members at least four times a year. */
export const DEFAULT_TALKS_PER_YEAR = 4

export async function talkRule(db: Db): Promise<number> {
  return (await getDoc<{ talksPerYear: number }>(db, COL.lifeRules, 'rules'))?.talksPerYear ?? DEFAULT_TALKS_PER_YEAR
}

function toTalkView(t: TalkDoc): TalkView {
  return {
    id: t._id,
    branchId: t.branchId,
    secretary: { id: t.secretaryId, name: t.secretaryName },
    participants: t.participants,
    at: new Date(t.at).toISOString(),
    topic: t.topic,
    summary: t.summary,
  }
}

/**
 * The caller (a secretary) records a 谈心谈话 with one to five members of her branch. The id comes from who, when
 * and with whom, so a retried submission lands on the same record.
 */
export const saveTalk: MeetingHandler<'saveTalk'> = async (input, ctx) => {
  const me = ctx.caller.member
  const at = new Date(input.at)
  if (Number.isNaN(at.getTime())) fail('INVALID_INPUT', '谈话时间格式不正确')
  if (at > ctx.clock.now()) fail('INVALID_INPUT', '谈话时间不能晚于现在')
  const ids = [...new Set(input.participantIds)]
  if (ids.includes(me._id)) fail('INVALID_INPUT', '谈话对象不能是自己')
  const people = await getDocs<MemberDoc>(ctx.db, COL.members, ids)
  if (ids.some((id) => people.get(id)?.status !== 'active' || people.get(id)?.branchId !== me.branchId)) {
    fail('INVALID_INPUT', '谈话对象应是本支部在册党员')
  }
  const id =
    'tk' +
    createHash('sha256')
      .update(`${me._id}|${at.toISOString()}|${[...ids].sort().join(',')}`)
      .digest('hex')
      .slice(0, 16)
  const doc: Omit<TalkDoc, '_id'> = {
    branchId: me.branchId,
    secretaryId: me._id,
    secretaryName: me.name,
    participants: ids.map((i) => ({ id: i, name: people.get(i)!.name })),
    participantIds: ids,
    at,
    year: china(at).year(),
    topic: input.topic,
    summary: input.summary,
    createdAt: ctx.clock.now(),
  }
  try {
    await ctx.db.collection(COL.talks).add({ data: { _id: id, ...doc } })
  } catch (err) {
    if (!(await isDuplicateKey(ctx.db, COL.talks, id, err))) throw err
    return { talk: toTalkView((await getDoc<TalkDoc>(ctx.db, COL.talks, id))!), already: true }
  }
  return { talk: toTalkView({ _id: id, ...doc }), already: false }
}

/** A branch's talks of one year, newest first, with how many the caller held against the rule. */
export const talks: MeetingHandler<'talks'> = async (input, ctx) => {
  const orgs = await orgsOf(ctx)
  const branchId = branchFilter(ctx.caller, orgs, input.branchId)
  const where: Record<string, unknown> = { year: input.year, ...(branchId ? { branchId } : {}) }
  const [{ rows, total, page, pageSize }, mine, required] = await Promise.all([
    fetchPage<TalkDoc>(ctx.db.collection(COL.talks).where(where), [['at', 'desc']], input.page),
    ctx.db.collection(COL.talks).where({ secretaryId: ctx.caller.member._id, year: input.year }).count(),
    talkRule(ctx.db),
  ])
  return { items: rows.map(toTalkView), total, page, pageSize, held: mine.total, required }
}

/** The committee sets the yearly minimum of 谈心谈话 per secretary. */
export const setTalkRule: MeetingHandler<'setTalkRule'> = async (input, ctx) => {
  await ctx.db
    .collection(COL.lifeRules)
    .doc('rules')
    .set({ data: { talksPerYear: input.perYear, updatedAt: ctx.clock.now(), updatedById: ctx.caller.member._id } })
  return { perYear: input.perYear }
}

/** Talks per secretary of a branch in a year: one aggregation. */
export async function talksBySecretary(db: Db, branchId: string, year: number): Promise<Map<string, number>> {
  const $ = db.command.aggregate
  const res = await db
    .collection(COL.talks)
    .aggregate()
    .match({ branchId, year })
    .group({ _id: '$secretaryId', n: $.sum(1) })
    .limit(100)
    .end()
  return new Map(res.list.map((r) => [r._id as string, r.n as number]))
}
