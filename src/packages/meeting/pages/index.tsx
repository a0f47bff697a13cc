import { ComingSoon } from '@/components/sub-page'

export default function MeetingIndex() {
  return <ComingSoon icon="签" title="三会一课签到即将上线" description="组织生活会议的扫码签到、请假和出勤统计将在这里办理" />
}
