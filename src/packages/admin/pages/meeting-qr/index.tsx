import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { Button } from '@/components/nut'
import { RotatingQrScreen } from '@/components/rotating-qr'
import { formatDateTime } from '@/domain/time'
import { usePageParams } from '@/components/kit/use-page-params'
import { useMutation, useProcedure } from '@/remote'
import { useRotatingCode } from '../../components/use-rotating-code'
import './index.scss'

/** 签到码: the organiser's rotating code (a new one every 10 s), the count signed in so far, and 我已到会. */
export default function MeetingQrPage() {
  const params = usePageParams()
  const id = params?.id ?? ''
  const [projectorChoice, setProjector] = useState<boolean | null>(null)
  const projector = projectorChoice ?? params?.projector === '1'
  const rotating = useRotatingCode('meeting.qrToken')
  const askNext = rotating.next
  // The title is decoration: a failed read shows the code without it.
  const board = useProcedure('meeting.board', { meetingId: id }, { enabled: !!id, refetchOnShow: false })
  const title = board.data?.meeting.title ?? ''
  // The board and the figures count her once she is recorded.
  const imHere = useMutation('meeting.organiserPresent', { invalidates: ['meeting.board', 'meeting.stats'] })
  const [present, setPresent] = useState<{ status: 'present' | 'late'; at: string } | null>(null)
  const [extra, setExtra] = useState(0)
  const signedIn = (rotating.code?.signedIn ?? 0) + extra
  const next = useCallback(
    async (meetingId: string) => {
      const wait = await askNext({ meetingId })
      // The new count includes her: no more local addition.
      if (wait !== null) setExtra(0)
      return wait
    },
    [askNext],
  )
  const onImHere = async () => {
    try {
      const out = await imHere.run({ meetingId: id })
      setPresent({ status: out.status, at: out.at })
      if (!out.already) setExtra(1)
    } catch {
      // Shown below the count (imHere.error).
    }
  }

  const actions = (
    <View className="qr-actions">
      {!present && (
        <Button id="qr-im-here" size="small" loading={imHere.pending} onClick={onImHere}>
          我已到会
        </Button>
      )}
      <Button id="qr-projector" size="small" fill="outline" onClick={() => setProjector(!projector)}>
        {projector ? '退出投屏' : '投屏模式'}
      </Button>
    </View>
  )
  return (
    <RotatingQrScreen
      codeKey={id}
      title={title || '会议签到'}
      hint="请打开“机关党建”小程序 → 扫码签到"
      token={rotating.code?.token ?? null}
      error={rotating.error}
      next={next}
      projector={projector}
      actions={actions}
    >
      <Text className="qr-count" id="qr-count">
        已签到 <Text className="qr-count-n">{signedIn}</Text> 人
      </Text>
      {present && (
        <Text className="qr-present" id="qr-present">
          您已{present.status === 'late' ? '迟到签到' : '签到'}（{formatDateTime(present.at).slice(11)}）
        </Text>
      )}
      {imHere.error && (
        <Text className="qr-present" id="qr-present-error">
          {imHere.error.message}
        </Text>
      )}
    </RotatingQrScreen>
  )
}
