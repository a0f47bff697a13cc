import { aggregateAll } from '../_shared/aggregate-all'
import { COL } from '../_shared/collections'
import { createHash } from 'crypto'
import { parseQuestionBank, questionKey } from '../../src/domain/question.import'
import { BANK_FIELD_LABELS, GRADED_FIELDS, questionChanges } from '../../src/domain/question.reimport'
import { JUDGE_OPTIONS, type QuestionType } from '../../src/domain/question.types'
import type { Ctx } from '../_shared/context'
import { AppError, fail } from '../_shared/errors'
import { holds, saveAtRevision } from '../_shared/revision'
import { readSheet } from '../_shared/sheets'
import { continueBankJob, findBankJob, questionIdFor, startBankJob, type Planned } from './bank-import-job'
import { toQuestionView, type QuestionDoc, type QuizDoc } from './docs'
import { attemptsOf, createOnce, questionsOf, quizzesOf } from './quiz.repo'
import type { QuizHandler } from '../_shared/handlers'

export { questionIdFor }

/** The stored questions a file names (by key): one aggregation page per thousand rows of the file. */
async function storedByKey(ctx: Ctx, keys: string[]): Promise<Map<string, QuestionDoc>> {
  if (!keys.length) return new Map()
  const list = await aggregateAll<QuestionDoc>(() =>
    questionsOf(ctx.db)
      .aggregate()
      .match({ key: ctx.db.command.in(keys) })
      .sort({ _id: 1 }),
  )
  return new Map(list.map((q) => [q.key, q]))
}

/**
 * Which of `ids` sit on a test that is still open (published, not yet closed): on its fixed paper, or drawn into
 * anyone's attempt at it. Their options and answer decide grades that are being given, so a file may not change them
 * until the test closes. Two reads, whatever the size of the bank.
 */
async function inUseOnOpenTests(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  if (!ids.length) return out
  const _ = ctx.db.command
  const open: Array<Pick<QuizDoc, '_id' | 'title' | 'fixedQuestionIds'>> = await quizzesOf(ctx.db).find(
    { status: 'published', closeAt: _.gt(ctx.clock.now()) },
    { fields: { title: true, fixedQuestionIds: true }, limit: 100 },
  )
  if (!open.length) return out
  const wanted = new Set(ids)
  const title = new Map(open.map((q) => [q._id, q.title]))
  for (const q of open) for (const id of q.fixedQuestionIds ?? []) if (wanted.has(id)) out.set(id, q.title)
  const $ = _.aggregate
  const drawn = await aggregateAll(() =>
    attemptsOf(ctx.db)
      .aggregate()
      .match({ quizId: _.in(open.map((q) => q._id)), questionIds: _.in(ids) })
      .project({ quizId: 1, questionIds: 1 })
      .unwind('$questionIds')
      .match({ questionIds: _.in(ids) })
      .group({ _id: '$questionIds', quizId: $.first('$quizId') })
      .sort({ _id: 1 }),
  )
  for (const d of drawn) if (!out.has(d._id as string)) out.set(d._id as string, title.get(d.quizId as string) ?? '')
  return out
}

/** The preview lists at most this many changed questions; the counts cover the whole file. */
const PREVIEW_ROWS = 300

/**
 * Imports a bank file: nothing is written unless every row is right. A row whose question (same type and stem) is in
 * the bank already updates it — options, answer, 解析, 分类 — instead of being skipped as a duplicate; an identical one
 * is reported as a duplicate of the bank. When any stored question would change, the first call only previews the
 * changes field by field with a token, and they are written when the admin confirms that token (the plan made again
 * must be the same). A file that only adds questions imports at once, as before: nothing existing changes. Options and
 * answer of a question on a still-open test are locked (a row error), so grades being given never shift under it.
 */
export const importBank: QuizHandler<'importBank'> = async (input, ctx) => {
  // A large file is written over several calls (bank-import-job.ts): one already started goes on where it stopped.
  const started = await findBankJob(ctx, input.fileID)
  if (started) return continueBankJob(ctx, started)
  const file = await ctx.cloud
    .downloadFile({ fileID: input.fileID })
    .catch(() => fail('IMPORT_FILE_UNREADABLE', '没有找到上传的文件，请重新上传'))
  const sheet = await readSheet(input.fileID, file.fileContent as Buffer)
  const parsed = parseQuestionBank(sheet)
  if (!parsed.ok) fail('IMPORT_INVALID', undefined, rowDetails(parsed.errors))
  const stored = await storedByKey(
    ctx,
    parsed.questions.map((q) => q.key),
  )
  const plan: Planned[] = []
  const duplicates = parsed.duplicates.map((d) => ({ row: d.row, stem: d.stem, of: d.of }))
  for (const q of parsed.questions) {
    const s = stored.get(q.key)
    if (!s) {
      plan.push({ kind: 'create', q })
      continue
    }
    const { changes, patch } = questionChanges(s, q)
    if (changes.length) plan.push({ kind: 'update', q, id: s._id, changes, patch })
    else duplicates.push({ row: q.row, stem: q.stem, of: 'existing' })
  }
  const graded = plan.filter(
    (p): p is Extract<Planned, { kind: 'update' }> =>
      p.kind === 'update' && p.changes.some((c) => GRADED_FIELDS.includes(c.field)),
  )
  const locked = await inUseOnOpenTests(
    ctx,
    graded.map((p) => p.id),
  )
  const errors = graded
    .filter((p) => locked.has(p.id))
    .map((p) => ({
      row: p.q.row,
      field: '答案',
      message: `该题已用于尚未截止的测试“${locked.get(p.id)}”，选项和答案在测试截止前不能修改（解析、分类可以改）`,
    }))
  if (errors.length) fail('IMPORT_INVALID', undefined, rowDetails(errors))

  duplicates.sort((a, b) => a.row - b.row)
  const updates = plan.filter((p) => p.kind === 'update')
  const token = createHash('sha256')
    .update(JSON.stringify([input.fileID, ctx.caller.member._id, plan]))
    .digest('hex')
  const summary = {
    confirmToken: token,
    created: plan.length - updates.length,
    updated: updates.length,
    total: parsed.questions.length + parsed.duplicates.length,
    duplicates,
    changes: updates.slice(0, PREVIEW_ROWS).map((p) => ({
      row: p.q.row,
      stem: p.q.stem,
      changes: p.changes.map((c) => ({ field: BANK_FIELD_LABELS[c.field], before: c.before, after: c.after })),
    })),
  }
  if (updates.length && !input.confirm) return { ...summary, stage: 'preview' }
  if (input.confirm && input.confirm !== token) fail('CONFLICT', '题库或文件在预览之后有了变化，请重新预览后再确认导入')

  return continueBankJob(ctx, await startBankJob(ctx, input.fileID, plan, summary))
}

function rowDetails(errors: ReadonlyArray<{ row: number; field: string; message: string }>) {
  return errors.map((e) => ({ row: e.row, path: e.field, message: e.message }))
}

export const questions: QuizHandler<'questions'> = async (input, ctx) => {
  const where: Record<string, unknown> = { status: input.status ?? 'active' }
  if (input.type) where.type = input.type
  if (input.category) where.category = input.category
  if (input.keyword)
    where.stem = ctx.db.RegExp({ regexp: input.keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })
  const { rows, total, page, pageSize } = await questionsOf(ctx.db).page(where, [['updatedAt', 'desc']], input.page)
  return { items: rows.map(toQuestionView), total, page, pageSize }
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

export const saveQuestion: QuizHandler<'saveQuestion'> = async (input, ctx) => {
  const options = checkQuestion(input.type, input.options, input.answer)
  const key = questionKey(input.type, input.stem)
  const id = input.id ?? questionIdFor(key)
  const _ = ctx.db.command
  const clash = await questionsOf(ctx.db).count({ key, _id: _.neq(id) })
  if (clash > 0) fail('CONFLICT', '题库中已有相同的题目')
  const before = input.id ? await questionsOf(ctx.db).get(input.id) : null
  if (input.id && !before) throw new AppError('NOT_FOUND', '没有找到该试题')
  const now = ctx.clock.now()
  const fields = {
    type: input.type,
    stem: input.stem,
    options,
    answer: [...new Set(input.answer)].sort((a, b) => a - b),
    explanation: input.explanation ?? null,
    category: input.category ?? null,
    key,
    updatedAt: now,
  }
  if (before) {
    // Only on the revision the editor opened (the bank list's row): another admin's edit meanwhile is not overwritten,
    // and a retire meanwhile stays (status is not the editor's to write) — revision.ts.
    const saved = await saveAtRevision({
      db: ctx.db,
      records: questionsOf(ctx.db),
      before,
      revision: input.revision,
      fields,
      notFound: '没有找到该试题',
    })
    return { question: toQuestionView(saved) }
  }
  const doc: Omit<QuestionDoc, '_id'> = { ...fields, status: 'active', createdAt: now }
  // Created once under the id its 题型 and 题干 give: a question already in the bank under it (edited, corrected by an
  // import, retired) is never overwritten by a "new" one. Only the same new question sent again (a retry whose answer
  // was lost) finds it holding exactly what it sends, and answers as saved.
  if (await createOnce(ctx.db, COL.questions, { _id: id, ...doc }))
    return { question: toQuestionView({ _id: id, ...doc }) }
  const existing = await questionsOf(ctx.db).get(id)
  if (existing?.status === 'active' && holds(existing, fields)) return { question: toQuestionView(existing) }
  fail(
    'CONFLICT',
    existing?.status === 'retired'
      ? '题库中已有相同的题目（已停用），请在已停用的试题中恢复后修改'
      : '题库中已有相同的题目',
  )
}

export const retireQuestion: QuizHandler<'retireQuestion'> = async (input, ctx) => {
  const q = await questionsOf(ctx.db).get(input.id)
  if (!q) throw new AppError('NOT_FOUND', '没有找到该试题')
  const status = input.retired ? 'retired' : 'active'
  await questionsOf(ctx.db).update(q._id, { status, updatedAt: ctx.clock.now() })
  return { question: toQuestionView({ ...q, status }) }
}

export const categories: QuizHandler<'categories'> = async (_input, ctx) => {
  const $ = ctx.db.command.aggregate
  // Only named categories: a test draws by category, and "no category" cannot be chosen.
  const res = await questionsOf(ctx.db)
    .aggregate()
    .match({ status: 'active', category: ctx.db.command.neq(null) })
    .group({ _id: '$category', count: $.sum(1) })
    .sort({ count: -1 })
    .limit(100)
    .end()
  return { items: res.list.map((r) => ({ category: r._id as string, count: r.count as number })) }
}
