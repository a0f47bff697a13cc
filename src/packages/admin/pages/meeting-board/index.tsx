import { Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { BoardRow, OutputOf } from '@/contract'
import { AttendanceBadge } from '@/components/attendance-badge'
import { altProps } from '@/components/alt'
import { meetingTime, shortTime, signInWindowText } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { RemindCard } from '../../components/remind-card'
import { ErrorState, LoadingSkeleton } from '@/components/page-state'
import { ReasonDialog } from '@/components/reason-dialog'
import { ATTENDANCE_STATUS_LABELS, formatRate, type AttendanceStatus } from '@/domain/attendance.rules'
import { CHECKIN_METHOD_LABELS, MEETING_STATUS_LABELS } from '@/domain/meeting.types'
import { messageOf, useMutation, useProcedure, usePullToRefresh } from '@/remote'
import { usePolling } from '@/remote/use-polling'
import { usePageParams } from '@/components/kit/use-page-params'
import { ROUTES } from '@/routes'
import { formatDate } from '@/domain/time'
import { acceptsPrintedCode } from '@/domain/checkin.token'
import './index.scss'

const REFRESH_MS = 5000
type Mark = 'present' | 'late' | 'absent'
const MARKS: Array<{ status: Mark; label: string }> = [
  { status: 'present', label: '标记已到' },
  { status: 'late', label: '标记迟到' },
  { status: 'absent', label: '标记缺席' },
]
const GROUPS: Array<{ status: AttendanceStatus; title: string }> = [
  { status: 'pending', title: '未到' },
  { status: 'absent', title: '缺席' },
  { status: 'late', title: '迟到' },
  { status: 'present', title: '已到' },
  { status: 'leave', title: '请假' },
]

type Board = OutputOf<'meeting.board'>

/** 签到看板: the live counts and rows of one meeting, and the organiser's actions on it. */
export default function MeetingBoardPage() {
  const params = usePageParams()
  const id = params?.id ?? ''
  const query = useProcedure('meeting.board', { meetingId: id }, { enabled: !!id })
  // Every write here changes the board (and the meeting lists and reports): the board refetches after each.
  const markMutation = useMutation('meeting.mark', { invalidates: ['meeting'] })
  const approveMutation = useMutation('meeting.reviewLeave', { invalidates: ['meeting'] })
  const closeMutation = useMutation('meeting.close', { invalidates: ['meeting'] })
  const exportMutation = useMutation('meeting.export')
  const codeMutation = useMutation('meeting.staticCode')
  const [approving, setApproving] = useState<string | null>(null)
  const [marking, setMarking] = useState<{ row: BoardRow; status: Mark } | null>(null)
  const [markError, setMarkError] = useState<string | null>(null)
  const [markTime, setMarkTime] = useState('')
  const [codeUrl, setCodeUrl] = useState<string | null>(null)
  const board: Board | undefined = query.data

  // Live while the page is on screen and the meeting is still running; nothing polls a closed or hidden board.
  const latest = useRef(board)
  latest.current = board
  usePolling(query.refetch, REFRESH_MS, {
    enabled: !!id,
    keepGoing: () => !latest.current || latest.current.meeting.status === 'scheduled',
  })
  usePullToRefresh(query.refetch)

  if (params && !id) {
    return (
      <View className="page">
        <ErrorState error={{ message: '没有指定会议，请从会议列表进入' }} />
      </View>
    )
  }
  if (query.error && !board) {
    return (
      <View className="page">
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </View>
    )
  }
  if (!board) {
    return (
      <View className="page">
        <LoadingSkeleton cards={3} rows={2} />
      </View>
    )
  }

  const { meeting, tally, rows } = board
  const running = meeting.status === 'scheduled'

  const onRow = async (row: BoardRow) => {
    if (meeting.status === 'cancelled') return
    try {
      const { tapIndex } = await Taro.showActionSheet({ itemList: MARKS.map((m) => m.label) })
      const choice = MARKS[tapIndex]
      if (!choice) return
      setMarkError(null)
      setMarkTime('')
      setMarking({ row, status: choice.status })
    } catch {
      // The sheet was dismissed.
    }
  }
  const submitMark = async (reason: string) => {
    if (!marking) return
    const time = markTime.trim()
    if (time && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) {
      setMarkError('到会时间请写成 时:分，如 09:05')
      return
    }
    // The stated time is on the meeting's day, China time; the cloud checks it lies in the window.
    const at =
      time && marking.status !== 'absent'
        ? `${formatDate(meeting.startAt)}T${time.padStart(5, '0')}:00+08:00`
        : undefined
    try {
      await markMutation.run({
        meetingId: meeting.id,
        memberId: marking.row.memberId,
        status: marking.status,
        reason,
        at,
      })
      setMarking(null)
      Taro.showToast({ title: '已标记', icon: 'success' })
    } catch (e) {
      setMarkError(messageOf(e))
    }
  }
  const onClose = async () => {
    const missing = tally.pending
    const { confirm } = await Taro.showModal({
      title: '结束会议',
      content: missing
        ? `还有 ${missing} 人未签到且未请假，结束后将计为缺席。确定结束会议吗？`
        : '结束后将停止签到。确定结束会议吗？',
      confirmText: '结束会议',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      await closeMutation.run({ meetingId: meeting.id })
      Taro.showToast({ title: '会议已结束', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }
  const onExport = async () => {
    try {
      const file = await exportMutation.run({ kind: 'meeting', meetingId: meeting.id })
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e) || '导出失败，请重试', icon: 'none', duration: 3000 })
    }
  }
  const onStaticCode = async () => {
    try {
      const out = await codeMutation.run({ meetingId: meeting.id })
      setCodeUrl(out.url)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  // 应到 = 已到 (含迟到) + 请假 + 未到/缺席: the board shows the sum so the figures visibly add up.
  const came = tally.present + tally.late
  const missing = running ? tally.pending + tally.absent : tally.absent
  const missingLabel = running ? '未到' : '缺席'
  const figures = [
    { key: 'expected', label: '应到', value: tally.expected, note: '' },
    { key: 'came', label: '已到', value: came, note: tally.late ? `含迟到 ${tally.late}` : '' },
    { key: 'leave', label: '请假', value: tally.leave, note: '' },
    {
      key: 'missing',
      label: missingLabel,
      value: missing,
      note: board.unboundMissing ? `未绑定 ${board.unboundMissing}` : '',
    },
  ]
  const started = Date.now() >= new Date(meeting.startAt).getTime()
  const onApprove = async (row: BoardRow) => {
    if (!row.pendingLeave) return
    setApproving(row.memberId)
    try {
      await approveMutation.run({ leaveId: row.pendingLeave.leaveId, approve: true })
      Taro.showToast({ title: '已批准请假', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    } finally {
      setApproving(null)
    }
  }

  return (
    <View className="page board">
      <View className="card board-head">
        <View className="board-tags">
          <Text className="type-tag">{meeting.typeLabel}</Text>
          <Text className={`status-tag status-tag-${meeting.status}`}>{MEETING_STATUS_LABELS[meeting.status]}</Text>
        </View>
        <Text className="board-title">{meeting.title}</Text>
        <Text className="muted board-line">
          {meetingTime(meeting)} · {meeting.place}
        </Text>
        <Text className="muted board-line">签到：{signInWindowText(meeting)}</Text>
        {meeting.status === 'cancelled' && <View className="form-error">会议已取消：{meeting.cancelReason}</View>}
      </View>

      <View className="card board-figures" id="board-figures">
        {figures.map((f) => (
          <View key={f.key} className={`board-figure board-figure-${f.key}`} data-figure={f.key}>
            <Text className="board-figure-value">{f.value}</Text>
            <Text className="board-figure-label">{f.label}</Text>
            {f.note && <Text className="board-figure-note">{f.note}</Text>}
          </View>
        ))}
      </View>
      <Text className="muted board-sum" id="board-sum">
        应到 {tally.expected} = 已到 {came} + 请假 {tally.leave} + {missingLabel} {missing}
      </Text>
      <Text className="muted board-rate" id="board-rate">
        {started || meeting.status === 'closed' ? `出勤率 ${formatRate(tally.rate)}` : '会议开始后显示出勤率'}
        {running ? ' · 每 5 秒自动刷新' : ''}
      </Text>

      {meeting.status !== 'cancelled' && (
        <View className="board-actions">
          {running && (
            <Button
              id="board-show-code"
              className="board-action-main"
              type="primary"
              block
              size="large"
              onClick={() => Taro.navigateTo({ url: `${ROUTES.adminMeetingQr}?id=${encodeURIComponent(meeting.id)}` })}
            >
              显示签到码
            </Button>
          )}
          <View className="board-action-row">
            <Button id="board-export" size="small" fill="outline" loading={exportMutation.pending} onClick={onExport}>
              导出签到表
            </Button>
            {acceptsPrintedCode(meeting) && running && (
              <Button
                id="board-static-code"
                size="small"
                fill="outline"
                loading={codeMutation.pending}
                onClick={onStaticCode}
              >
                打印签到码
              </Button>
            )}
            {running && (
              <Button
                id="board-edit"
                size="small"
                fill="outline"
                onClick={() =>
                  Taro.navigateTo({ url: `${ROUTES.adminMeetingEdit}?id=${encodeURIComponent(meeting.id)}` })
                }
              >
                编辑
              </Button>
            )}
            {running && (
              <Button id="board-close" size="small" fill="outline" loading={closeMutation.pending} onClick={onClose}>
                结束会议
              </Button>
            )}
            {!running && started && (
              <Button
                id="board-makeups"
                size="small"
                fill="outline"
                onClick={() => Taro.navigateTo({ url: `${ROUTES.adminMakeups}?id=${encodeURIComponent(meeting.id)}` })}
              >
                补学情况
              </Button>
            )}
          </View>
        </View>
      )}

      {running && <RemindCard kind="meeting" itemId={meeting.id} who="未签到且未请假的党员" />}

      {GROUPS.map((g) => {
        const list = rows.filter((r) => r.status === g.status)
        if (!list.length) return null
        const title = g.status === 'pending' && !running ? '未签到' : g.title
        return (
          <View key={g.status} className={`board-group board-group-${g.status}`}>
            <View className="section-title">
              {title}（{list.length}）
            </View>
            <View className="card board-rows">
              {list.map((r) => (
                <View key={r.memberId} className="board-row" data-member-id={r.memberId} onClick={() => onRow(r)}>
                  <View className="board-row-main">
                    <Text className="board-row-name">
                      {r.name}
                      {r.unbound && <Text className="board-row-unbound">未绑定</Text>}
                    </Text>
                    <Text className="muted">
                      {r.groupName ?? ''}
                      {r.at ? `${r.groupName ? ' · ' : ''}${shortTime(r.at)}` : ''}
                      {r.method && r.method !== 'manual' ? ` · ${CHECKIN_METHOD_LABELS[r.method]}` : ''}
                    </Text>
                    {r.markedBy && (
                      <Text className="board-row-marked">
                        {r.markedBy}
                        {r.reason ? `：${r.reason}` : ''}
                      </Text>
                    )}
                    {r.pendingLeave && (
                      <View className="board-row-leave">
                        <Text className="board-row-leave-text">请假待批：{r.pendingLeave.reason}</Text>
                        <Button
                          className="board-row-approve"
                          size="mini"
                          type="primary"
                          loading={approving === r.memberId}
                          onClick={(e) => {
                            e.stopPropagation()
                            onApprove(r)
                          }}
                        >
                          批准
                        </Button>
                      </View>
                    )}
                  </View>
                  <AttendanceBadge status={r.status} />
                </View>
              ))}
            </View>
          </View>
        )
      })}
      {!rows.length && <Text className="muted">应到名单为空</Text>}

      <ReasonDialog
        open={!!marking}
        title={marking ? `${MARKS.find((m) => m.status === marking.status)?.label}：${marking.row.name}` : ''}
        description={
          marking ? `当前：${ATTENDANCE_STATUS_LABELS[marking.row.status]}。代签/补录会记入审计日志，请注明原因。` : ''
        }
        placeholder="如：现场签到表已签字，手机未带"
        busy={markMutation.pending}
        error={markError}
        onCancel={() => setMarking(null)}
        onConfirm={submitMark}
      >
        {marking && marking.status !== 'absent' && (
          <View className="board-mark-time">
            <Text className="muted">到会时间（补录时填写，如 09:05；不填则为现在）</Text>
            <Input
              id="mark-time"
              className="board-mark-time-input"
              value={markTime}
              maxlength={5}
              placeholder="时:分"
              onInput={(e) => setMarkTime(e.detail.value)}
            />
          </View>
        )}
      </ReasonDialog>

      {codeUrl && (
        <View className="board-code-mask" onClick={() => setCodeUrl(null)}>
          <View className="board-code" onClick={(e) => e.stopPropagation()}>
            <Text className="board-code-title">打印签到码</Text>
            <Image
              className="board-code-img"
              src={codeUrl}
              mode="aspectFit"
              showMenuByLongpress
              {...altProps('会议签到二维码')}
            />
            <Text className="muted board-code-hint">
              长按图片保存后打印张贴；仅在签到时段内有效，无法防止转发照片代签
            </Text>
            <Button block onClick={() => setCodeUrl(null)}>
              关闭
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}
