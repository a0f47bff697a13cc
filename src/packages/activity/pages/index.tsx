import { ComingSoon } from '@/components/sub-page'

export default function ActivityIndex() {
  return <ComingSoon icon="志" title="志愿与工会活动即将上线" description="活动报名、候补、现场签到与志愿时长将在这里办理" />
}
