import { aggregateAll } from '../_shared/aggregate-all'
import { createHash } from 'crypto'
import type { QuizOutputs } from '../../src/contract/quiz.contract'
import { parseQuestionBank, questionKey } from '../../src/domain/question.import'
import { JUDGE_OPTIONS, type QuestionType } from '../../src/domain/question.types'
import { COL } from '../_shared/collections'
import { fetchPage } from '../_shared/paging'
import type { Ctx, MemberCaller } from '../_shared/context'
import { getDoc } from '../_shared/docs'
import { AppError, fail } from '../_shared/errors'
import { readSheet } from '../_shared/sheets'
import { toQuestionView, type QuestionDoc } from './docs'

export function questionIdFor(key: string): string {
  return `q_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`
}

/** Every question key in the bank, for duplicate checks: one aggregation (banks hold hundreds to a few thousand). */
async function existingKeys(ctx: Ctx): Promise<Set<string>> {
  const list = await aggregateAll(() =>
    ctx.db.collection(COL.questions).aggregate().project({ key: 1 }).sort({ _id: 1 }),
  )
  return new Set(list.map((q) => q.key as string))
}

/** Imports a bank file: nothing is written unless every row is right; duplicates are skipped and reported. */
export async function importBank(
  input: { fileID: string },
  ctx: Ctx<MemberCaller>,
): Promise<QuizOutputs['importBank']> {
  const file = await ctx.cloud
    .downloadFile({ fileID: input.fileID })
    .catch(() => fail('IMPORT_FILE_UNREADABLE', '没有找到上传的文件，请重新上传'))
  const sheet = await readSheet(input.fileID, file.fileContent as Buffer)
  const parsed = parseQuestionBank(sheet, await existingKeys(ctx))
  if (!parsed.ok)
    fail(
      'IMPORT_INVALID',
      undefined,
      parsed.errors.map((e) => ({ row: e.row, path: e.field, message: e.message })),
    )
  const now = ctx.clock.now()
  for (let i = 0; i < parsed.questions.length; i += 20) {
    await Promise.all(
      parsed.questions.slice(i, i + 20).map((q) =>
        ctx.db
          .collection(COL.questions)
          .doc(questionIdFor(q.key))
          .set({
            data: {
              type: q.type,
              stem: q.stem,
              options: q.options,
              answer: q.answer,
              explanation: q.explanation,
              category: q.category,
              key: q.key,
              status: 'active',
              createdAt: now,
              updatedAt: now,
            },
          }),
      ),
    )
  }
  return {
    created: parsed.questions.length,
    total: parsed.questions.length + parsed.duplicates.length,
    duplicates: parsed.duplicates.map((d) => ({ row: d.row, stem: d.stem, of: d.of })),
  }
}

export async function questions(
  input: { keyword?: string; type?: QuestionType; category?: string; status?: 'active' | 'retired'; page?: number },
  ctx: Ctx<MemberCaller>,
): Promise<QuizOutputs['questions']> {
  const where: Record<string, unknown> = { status: input.status ?? 'active' }
  if (input.type) where.type = input.type
  if (input.category) where.category = input.category
  if (input.keyword)
    where.stem = ctx.db.RegExp({ regexp: input.keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })
  const q = ctx.db.collection(COL.questions).where(where)
  const { rows, total, page, pageSize } = await fetchPage(q, [['updatedAt', 'desc']], input.page)
  return { items: (rows as QuestionDoc[]).map(toQuestionView), total, page, pageSize }
}

/** Checks a question's shape: answers point at options, 单选 has one, 判断 is 正确/错误. */
function checkQuestion(type: QuestionType, options: string[], answer: number[]): string[] {
  const opts = type === 'judge' ? [...JUDGE_OPTIONS] : options.map((o) => o.trim())
  const key = [...new Set(answer)].sort((a, b) => a - b)
  if (key.some((a) => a >= opts.length)) fail('QUESTION_INVALID', '答案对应的选项不存在')
  if ((type === 'single' || type === 'judge') && key.length !== 1)
    fail('QUESTION_INVALID', `${type === 'single' ? '单选题' : '判断题'}只能有一个答案`)
  if (opts.some((o) => !o)) fail('QUESTION_INVALID', '选项不能为空')
  return opts
}

export async function saveQuestion(
  input: {
    id?: string
    type: QuestionType
    stem: string
    options: string[]
    answer: number[]
    explanation?: string
    category?: string
  },
  ctx: Ctx<MemberCaller>,
): Promise<QuizOutputs['saveQuestion']> {
  const options = checkQuestion(input.type, input.options, input.answer)
  const key = questionKey(input.type, input.stem)
  const id = input.id ?? questionIdFor(key)
  const _ = ctx.db.command
  const clash = await ctx.db
    .collection(COL.questions)
    .where({ key, _id: _.neq(id) })
    .count()
  if (clash.total > 0) fail('CONFLICT', '题库中已有相同的题目')
  const before = input.id ? await getDoc<QuestionDoc>(ctx.db, COL.questions, input.id) : null
  if (input.id && !before) throw new AppError('NOT_FOUND', '没有找到该试题')
  const now = ctx.clock.now()
  const doc: Omit<QuestionDoc, '_id'> = {
    type: input.type,
    stem: input.stem,
    options,
    answer: [...new Set(input.answer)].sort((a, b) => a - b),
    explanation: input.explanation ?? null,
    category: input.category ?? null,
    key,
    status: before?.status ?? 'active',
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  }
  await ctx.db.collection(COL.questions).doc(id).set({ data: doc })
  return { question: toQuestionView({ _id: id, ...doc }) }
}

export async function retireQuestion(
  input: { id: string; retired: boolean },
  ctx: Ctx<MemberCaller>,
): Promise<QuizOutputs['retireQuestion']> {
  const q = await getDoc<QuestionDoc>(ctx.db, COL.questions, input.id)
  if (!q) throw new AppError('NOT_FOUND', '没有找到该试题')
  const status = input.retired ? 'retired' : 'active'
  await ctx.db
    .collection(COL.questions)
    .doc(q._id)
    .update({ data: { status, updatedAt: ctx.clock.now() } })
  return { question: toQuestionView({ ...q, status }) }
}

export async function categories(_input: unknown, ctx: Ctx<MemberCaller>): Promise<QuizOutputs['categories']> {
  const $ = ctx.db.command.aggregate
  // Only named categories: a test draws by category, and "no category" cannot be chosen.
  const res = await ctx.db
    .collection(COL.questions)
    .aggregate()
    .match({ status: 'active', category: ctx.db.command.neq(null) })
    .group({ _id: '$category', count: $.sum(1) })
    .sort({ count: -1 })
    .limit(100)
    .end()
  return { items: res.list.map((r) => ({ category: r._id as string, count: r.count as number })) }
}
