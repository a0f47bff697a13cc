import { COL } from '../_shared/collections'
import type { Ctx, MemberCaller } from '../_shared/context'
import { getDocs } from '../_shared/docs'
import { isDuplicateKey } from '../_shared/duplicate-key'

/**
 * Adds questions to the member's 错题本 (one document per member and question, `${memberId}_${questionId}`; a repeat
 * mistake counts up). At most three requests whatever the number of wrong answers: one read finds which are already
 * there (100 ids per request, a paper's worth), one conditional update counts those up together, one `add` of an
 * array creates the rest (wx-server-sdk 4.0.2 passes an array through to a single insertDocument request, which
 * CloudBase's database API defines as inserting many documents: https://docs.cloudbase.net/http-api/nosql/insert-documents).
 */
export async function recordWrong(
  ctx: Ctx<MemberCaller>,
  questionIds: string[],
  source: 'quiz' | 'daily' | 'wrong_book',
): Promise<void> {
  const qids = [...new Set(questionIds)]
  if (!qids.length) return
  const me = ctx.caller.member._id
  const now = ctx.clock.now()
  const _ = ctx.db.command
  const idOf = (qid: string) => `${me}_${qid}`
  const existing = await getDocs(ctx.db, COL.wrongBook, qids.map(idOf))
  const again = qids.filter((q) => existing.has(idOf(q)))
  const fresh = qids.filter((q) => !existing.has(idOf(q)))
  const first = (qid: string) => ({ memberId: me, questionId: qid, wrongCount: 1, lastWrongAt: now, source })
  await Promise.all([
    again.length
      ? ctx.db
          .collection(COL.wrongBook)
          .where({ _id: _.in(again.map(idOf)) })
          .update({ data: { wrongCount: _.inc(1), lastWrongAt: now, source } })
      : null,
    fresh.length
      ? ctx.db
          .collection(COL.wrongBook)
          .add({ data: fresh.map((q) => ({ _id: idOf(q), ...first(q) })) })
          .catch(async (err) => {
            // The same question went in from elsewhere meanwhile (practice at the same moment). An array insert may
            // have stopped part way, so each of these is written as a first mistake; a concurrent one is not
            // counted twice, at worst once less.
            if (!(await isDuplicateKey(ctx.db, COL.wrongBook, idOf(fresh[0]), err))) {
              const anyDup = await getDocs(ctx.db, COL.wrongBook, fresh.map(idOf))
              if (!anyDup.size) throw err
            }
            await Promise.all(
              fresh.map((q) =>
                ctx.db
                  .collection(COL.wrongBook)
                  .doc(idOf(q))
                  .set({ data: first(q) }),
              ),
            )
          })
      : null,
  ])
}
