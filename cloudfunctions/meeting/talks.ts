import { createHash } from 'crypto'
import type { TalkView } from '../../src/contract/meeting.contract'
import { china } from '../../src/domain/time'
import type { Db } from '../_shared/context'
import { fail } from '../_shared/errors'
import { branchFilter, orgsOf } from '../_shared/orgs'
import { lifeRulesOf, membersOf, talksOf } from './meeting.repo'
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
  return (await lifeRulesOf(db).get('rules'))?.talksPerYear ?? DEFAULT_TALKS_PER_YEAR
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
  const people = await membersOf(ctx.db).getMany(ids)
  if (ids.some((id) => people.get(id)?.status !== 'active' || people.get(id)?.branchId !== me.branchId)) {
    fail('INVALID_INPUT', '谈话对象应是本支部在册党员')
  }
  const id =
    'tk' +
    createHash('sha256')
      .update(`${me._id}|${at.toISOString()}|${[...ids].sort().join(',')}`)
      .digest('hex')
      .slice(0, 16)
  const doc: TalkDoc = {
    _id: id,
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
  const made = await talksOf(ctx.db).create(doc)
  if (!made.created) return { talk: toTalkView(made.existing), already: true }
  return { talk: toTalkView(doc), already: false }
}

/** A branch's talks of one year, newest first, with how many the caller held against the rule. */
export const talks: MeetingHandler<'talks'> = async (input, ctx) => {
  const orgs = await orgsOf(ctx)
  const branchId = branchFilter(ctx.caller, orgs, input.branchId)
  const where: Record<string, unknown> = { year: input.year, ...(branchId ? { branchId } : {}) }
  const talks = talksOf(ctx.db)
  const [{ rows, total, page, pageSize }, held, required] = await Promise.all([
    talks.page(where, [['at', 'desc']], input.page),
    talks.count({ secretaryId: ctx.caller.member._id, year: input.year }),
    talkRule(ctx.db),
  ])
  return { items: rows.map(toTalkView), total, page, pageSize, held, required }
}

/** The committee sets the yearly minimum of 谈心谈话 per secretary. */
export const setTalkRule: MeetingHandler<'setTalkRule'> = async (input, ctx) => {
  await lifeRulesOf(ctx.db).put({
    _id: 'rules',
    talksPerYear: input.perYear,
    updatedAt: ctx.clock.now(),
    updatedById: ctx.caller.member._id,
  })
  return { perYear: input.perYear }
}
