import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ROLE_LABELS } from '@/domain/roles'
import { Cell, CellGroup } from '@/components/nut'
import { EmptyState, LoadingSkeleton } from '@/components/page-state'
import { ROUTES } from '@/routes'
import { useProcedure } from '@/remote'
import { useSessionStore } from '@/stores/session.store'
import './index.scss'

type AdminRole = 'branch_admin' | 'org_admin' | 'union_admin'
const ADMIN_ROLES: readonly string[] = ['branch_admin', 'org_admin', 'union_admin']

// `orgOnly`: entries only the committee (org_admin) may use; the cloud refuses them to branch admins anyway.
// `roles`: who sees the entry (default: branch and committee admins); activities belong to the union organisers.
// `waits`: which count of member.waiting the entry shows beside its arrow.
type Waits = 'leaves' | 'bindings' | 'signups' | 'objections'
const ENTRIES: Array<{
  title: string
  description: string
  url: string
  orgOnly?: boolean
  roles?: AdminRole[]
  waits?: Waits
}> = [
  {
    title: '活动管理',
    description: '志愿服务与工会活动：发布、报名名单、签到码、服务时长',
    url: ROUTES.adminActivities,
    roles: ['union_admin', 'org_admin'],
    waits: 'signups',
  },
  {
    title: '支部考评',
    description: '各支部组织生活、出勤、纪实、补学、学习、测试、志愿、评议的得分、排名与趋势',
    url: ROUTES.adminScorecard,
  },
  { title: '学习资料', description: '发布必读资料、定时推送、阅读统计与完成情况', url: ROUTES.adminStudyArticles },
  { title: '会议管理', description: '三会一课：新建会议、签到码、签到看板', url: ROUTES.adminMeetings },
  { title: '请假审批', description: '党员会前请假申请的批准与驳回', url: ROUTES.adminLeaves, waits: 'leaves' },
  {
    title: '出勤异议',
    description: '党员对自己缺席、迟到记录的异议：核实后更正或答复',
    url: ROUTES.adminObjections,
    waits: 'objections',
  },
  { title: '出勤统计', description: '支部与党员出勤率，导出 Excel', url: ROUTES.adminAttendanceStats },
  { title: '投票管理', description: '票决与评选：发起投票、投票进度、结束与导出结果', url: ROUTES.adminVotes },
  {
    title: '民主评议',
    description: '民主评议党员：开启评议、各支部进度、评议结果与建议结果',
    url: ROUTES.adminReviews,
  },
  { title: '组织生活达标', description: '对照最低频次，查看各月/季度是否达标', url: ROUTES.adminCompliance },
  { title: '谈心谈话', description: '登记谈心谈话，对照机关党委的年度次数要求', url: ROUTES.adminTalks },
  {
    title: '会议纪实完成情况',
    description: '各支部已召开会议的纪实是否完成（按年）',
    url: ROUTES.adminRecords,
    orgOnly: true,
  },
  { title: '需要关注的党员', description: '出勤率低、未补学、必读逾期、测试未参加（按年）', url: ROUTES.adminBehind },
  { title: '法规测试', description: '党内法规测试：已考/未考名单、成绩、各题正确率', url: ROUTES.adminQuizzes },
  { title: '题库管理', description: '试题的导入、查找、编辑与停用', url: ROUTES.adminBank, orgOnly: true },
  { title: '花名册', description: '查看、筛选本范围内的党员', url: ROUTES.adminRoster },
  { title: '绑定审核', description: '邀请码绑定申请、解绑申请', url: ROUTES.adminReview, waits: 'bindings' },
  { title: '导入花名册', description: '从 Excel（.xlsx）或 CSV 批量导入党员', url: ROUTES.adminImport },
  { title: '组织架构', description: '机关党委、党总支、党支部、党小组', url: ROUTES.adminOrg },
]

export default function AdminIndex() {
  const me = useSessionStore((s) => s.me)
  const load = useSessionStore((s) => s.load)
  const isAdmin = !!me?.member && ADMIN_ROLES.includes(me.member.role)
  const waiting = useProcedure('member.waiting', {}, { enabled: isAdmin })

  useDidShow(() => {
    if (!me) load()
  })

  if (!me) return <LoadingSkeleton cards={1} rows={4} />
  const role = me.member?.role
  if (!role || !ADMIN_ROLES.includes(role)) {
    return (
      <View className="page">
        <EmptyState
          icon="管"
          title="暂无可用的管理功能"
          description={role ? `当前角色：${ROLE_LABELS[role]}` : '请先绑定党员身份'}
        />
      </View>
    )
  }

  return (
    <View className="page admin-index">
      <View className="section-title">
        {ROLE_LABELS[role]} · {role === 'branch_admin' ? me.member!.branchName : me.committeeName}
      </View>
      <CellGroup>
        {ENTRIES.filter(
          (e) =>
            (e.roles ?? ['branch_admin', 'org_admin']).includes(role as AdminRole) &&
            (!e.orgOnly || role === 'org_admin'),
        ).map((e) => (
          <Cell
            key={e.url}
            className="admin-entry"
            title={e.title}
            description={e.description}
            extra={waitText(e.waits ? waiting.data?.[e.waits] : null)}
            clickable
            onClick={() => Taro.navigateTo({ url: e.url })}
          />
        ))}
      </CellGroup>
    </View>
  )
}

/** `3 待处理 ›` when something waits, else the plain arrow. */
function waitText(n: number | null | undefined): string {
  return n ? `${n} 待处理 ›` : '›'
}
