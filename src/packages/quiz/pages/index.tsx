import { ComingSoon } from '@/components/sub-page'

export default function QuizIndex() {
  return <ComingSoon icon="测" title="党内法规测试即将上线" description="“七一”党内法规测试与日常练习将在这里进行" />
}
