import { ComingSoon } from '@/components/sub-page'

export default function StudyIndex() {
  return <ComingSoon icon="学" title="学习资料即将上线" description="第一议题、读原著学原文悟原理、党课资源将在这里阅读" />
}
