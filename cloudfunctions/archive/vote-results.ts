import { VOTE_MODE_LABELS, resultsVisible } from '../../src/domain/vote.rules'
import { formatDateTime } from '../../src/domain/time'
import { fail } from '../_shared/errors'
import { saveWorkbook } from '../_shared/exports'
import { namedBallotsPage } from '../vote/vote.repo'
import { tallyOf, voteInScope } from '../vote/votes'
import { newWorkbook } from '../_shared/workbook'
import type { ArchiveHandler } from '../_shared/handlers'

/** Results as .xlsx: the tally; for a named vote also each voter's choices (a secret vote has none to give). */
export const voteResults: ArchiveHandler<'voteResults'> = async (input, ctx) => {
  const { vote } = await voteInScope(ctx, input.voteId)
  if (!resultsVisible({ ...vote, status: vote.status === 'closed' ? 'closed' : 'open' }, ctx.clock.now()))
    fail('VOTE_RESULTS_HIDDEN')
  const results = await tallyOf(ctx.db, vote)
  const wb = await newWorkbook()
  const ws = wb.addWorksheet('结果')
  ws.addRow([vote.title])
  ws.addRow([
    `${VOTE_MODE_LABELS[vote.mode]} · ${vote.secret ? '不记名' : '记名'} · 截止 ${formatDateTime(vote.closeAt)} · 应投 ${results.electorate} 人，实投 ${results.voted} 人`,
  ])
  ws.addRow(['名次', '候选项', '得票', vote.mode === 'rank' ? '得分' : ''])
  for (const r of results.rows) ws.addRow([r.place, r.text, r.votes, vote.mode === 'rank' ? r.points : ''])
  ws.getRow(3).font = { bold: true }
  if (!vote.secret) {
    const named = wb.addWorksheet('投票明细')
    named.addRow(['姓名', '选择'])
    const text = new Map(vote.options.map((o) => [o.id, o.text]))
    for (let skip = 0; ; skip += 100) {
      const ballots = await namedBallotsPage(ctx.db, vote._id, skip)
      for (const b of ballots) named.addRow([b.name ?? '', b.choices.map((c) => text.get(c.optionId)).join('、')])
      if (ballots.length < 100) break
    }
  }
  return saveWorkbook(ctx, wb, `${vote.title}-投票结果.xlsx`)
}
