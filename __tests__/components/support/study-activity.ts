import type { ActivityView, ArticleCard, ArticleView, SignupView } from '@/contract'
import type { AdminArticle } from '@/contract/study.contract'

export function articleCard(over: Partial<ArticleCard> = {}): ArticleCard {
  return {
    id: 'ar1',
    title: '学习贯彻党的二十届三中全会精神',
    category: '第一议题',
    summary: '全会审议通过了《决定》',
    coverUrl: null,
    source: '新华社',
    publishedAt: '2026-06-20T01:00:00.000Z',
    required: false,
    deadline: null,
    readMinutes: 5,
    read: false,
    overdue: false,
    ...over,
  }
}

/** An article as the staff list and 阅读统计 show it: a published required reading of the committee's, three reads. */
export function adminArticle(over: Partial<AdminArticle> = {}): AdminArticle {
  return {
    ...articleCard(),
    id: 'a1',
    title: '学习贯彻全会精神',
    required: true,
    status: 'published',
    publishAt: '2026-06-20T01:00:00.000Z',
    audienceBranchIds: [],
    markdown: '正文',
    html: '<p>正文</p>',
    attachments: [],
    readCount: 3,
    editable: true,
    notice: null,
    revision: 3,
    ...over,
  }
}

export function articleView(over: Partial<ArticleView> = {}): ArticleView {
  return {
    ...articleCard({ required: true, deadline: '2099-07-01T10:00:00.000Z', readMinutes: 1 }),
    html: '<h2>一、总体要求</h2><p>坚持和加强党的全面领导。</p>',
    attachments: [],
    sourceDate: null,
    minReadSeconds: 18,
    readAt: null,
    secondsSpent: null,
    reflection: null,
    ...over,
  }
}

export function activityView(over: Partial<ActivityView> = {}): ActivityView {
  return {
    id: 'ac1',
    title: '幸福里社区环境整治',
    kind: 'volunteer',
    kindLabel: '志愿服务',
    subType: '社区服务',
    description: '清理楼道杂物，宣传垃圾分类。',
    coverUrl: null,
    place: '幸福里社区服务中心',
    startAt: '2099-07-04T01:00:00.000Z',
    endAt: '2099-07-04T04:00:00.000Z',
    signupOpenAt: '2026-06-01T00:00:00.000Z',
    signupCloseAt: '2099-07-03T10:00:00.000Z',
    capacity: 3,
    taken: 1,
    placesLeft: 2,
    waitlist: true,
    waitlistCount: 0,
    audienceBranchIds: [],
    rotationMonths: null,
    extraFields: [],
    cancelUntil: null,
    approval: false,
    status: 'published',
    signupState: 'open',
    revision: 3,
    ...over,
  }
}

export function signupView(over: Partial<SignupView> = {}): SignupView {
  return {
    id: 'ac1_m1',
    activityId: 'ac1',
    memberId: 'm1',
    memberName: '钱文静',
    branchName: '办公室党支部',
    status: 'confirmed',
    statusLabel: '报名成功',
    position: null,
    extra: [],
    createdAt: '2026-06-20T01:00:00.000Z',
    checkInAt: null,
    checkOutAt: null,
    hours: null,
    hoursEdited: null,
    rejectReason: null,
    ...over,
  }
}
