/**
 * Stable error codes and their default Chinese messages. A code never changes once shipped: pages and tests match on
 * it. A handler may throw a more specific message for the same code (e.g. naming the field to fix).
 */
/**
 * The only messages the app itself ever needs (the cloud sends the message with every error): the app imports this
 * object and not ERRORS, so the whole table stays out of the weapp main package.
 */
export const CLIENT_FALLBACKS = {
  INVALID_INPUT: '填写的内容有误，请检查后重试',
  NOT_FOUND: '要找的记录不存在或已删除',
  INTERNAL: '系统繁忙，请稍后再试',
  NETWORK: '网络不给力，请检查网络后重试',
} as const

export const ERRORS = {
  INVALID_INPUT: CLIENT_FALLBACKS.INVALID_INPUT,
  UNKNOWN_ACTION: '不支持的操作，请升级小程序后重试',
  NOT_SIGNED_IN: '无法识别您的微信身份，请重新进入小程序',
  NOT_BOUND: '您还没有绑定党员身份，请先完成绑定',
  FORBIDDEN: '您没有权限进行此操作',
  OUT_OF_SCOPE: '只能查看或管理本支部的数据',
  NOT_FOUND: CLIENT_FALLBACKS.NOT_FOUND,
  CONFLICT: '数据已被他人修改，请刷新后重试',
  // An editor's save from a revision someone else (or the same admin in another tab) has saved over meanwhile: the
  // editor offers to reopen on the latest (cloudfunctions/_shared/revision.ts).
  EDITED_ELSEWHERE:
    '这项内容在您打开后已被修改并保存（可能是其他管理员），您的修改未保存。请重新打开，在最新内容上修改',
  INTERNAL: CLIENT_FALLBACKS.INTERNAL,
  NETWORK: CLIENT_FALLBACKS.NETWORK,

  BIND_NO_MATCH: '花名册中没有找到与您填写的姓名和手机号后四位相符的党员，请核对后重试或联系支部书记',
  BIND_AMBIGUOUS: '花名册中有多名同名党员与您填写的信息相符，请改用支部邀请码绑定或联系支部书记',
  BIND_TAKEN: '该党员身份已被其他微信号绑定，如有疑问请联系支部书记',
  BIND_ALREADY: '您的微信号已绑定党员身份，无需重复绑定',
  BIND_LIMITED: '尝试次数过多，请 24 小时后再试，或向支部书记索取邀请码绑定',
  BIND_INVITE_INVALID: '邀请码无效或已过期，请向支部书记索取新的邀请码',
  BIND_PENDING: '绑定申请已提交，请等待支部书记审核',
  BOOTSTRAP_DISABLED: '系统已有管理员，初始化口令已失效',
  BOOTSTRAP_BAD_SECRET: '初始化口令不正确',

  IMPORT_INVALID: '导入文件中有错误，未导入任何数据，请按提示修改后重新导入',
  IMPORT_FILE_UNREADABLE: '无法读取导入文件，请上传 .xlsx 或 .csv 格式的花名册',
  ORG_INVALID_PARENT: '上级组织不正确',
  ROLE_LAST_ORG_ADMIN: '不能撤销最后一名机关党委管理员',

  MEETING_TOKEN_EXPIRED: '签到码已过期，请扫描组织者屏幕上最新的二维码',
  // The same rotating-code errors serve activity check-in: the mechanism is shared.
  MEETING_TOKEN_FORGED: '这不是有效的签到码，请扫描组织者屏幕上的二维码',
  MEETING_WINDOW_NOT_OPEN: '签到尚未开始，请在签到时段内再扫码',
  MEETING_WINDOW_CLOSED: '签到已结束，如需补录请联系会议组织者',
  MEETING_NOT_EXPECTED: '您不在本次会议的应到名单中，如有疑问请联系会议组织者',
  MEETING_CANCELLED: '会议已取消',
  MEETING_CLOSED: '会议已结束，不能再修改',
  MEETING_TIME_INVALID: '结束时间应晚于开始时间',
  MEETING_STATIC_CODE_OFF: '本次会议未启用打印签到码，请扫描组织者屏幕上的动态二维码',
  LEAVE_TOO_LATE: '会议已开始，不能再请假；如确有原因请联系支部书记补批',
  LEAVE_ALREADY_REVIEWED: '该请假申请已审批',
  LEAVE_LATE_NEEDS_REASON: '会后补批请假须注明原因',
  RECORD_TOO_EARLY: '会议开始后才能填写纪实',
  RECORD_INCOMPLETE: '会议纪实还不完整，不能标记为已完成',
  MAKEUP_NOT_OWED: '您已参加本次会议，无需补学',
  MAKEUP_NOT_READY: '本次会议的纪实尚未完成，完成后才能补学',
  MAKEUP_TOO_SHORT: '学习体会至少写 20 个字',
  OBJECTION_TOO_EARLY: '签到结束后才能对出勤记录提出异议',
  OBJECTION_TOO_LATE: '会议结束已超过 30 天，不能再提出异议，如有疑问请直接联系支部书记',
  OBJECTION_NOT_NEEDED: '只有缺席或迟到的记录可以提出异议',
  OBJECTION_RESOLVED: '该异议已处理，不能再修改',
  REMIND_THROTTLED: '该事项 24 小时内已提醒过，请稍后再试',
  REMIND_NOTHING: '没有需要提醒的党员',
  MAKEUP_TEXT_RISKY: '学习体会未通过内容安全检测，请修改后再提交',
  REVIEW_NOT_OPEN: '民主评议尚未开始',
  REVIEW_CLOSED: '民主评议已结束',
  REVIEW_NOT_PARTICIPANT: '您不在本次民主评议的参评名单中',
  REVIEW_BALLOT_INVALID: '评议票填写不完整，请检查后重新提交',
  REVIEW_PROPOSAL_INVALID: '建议结果不符合机关党委的要求，请修改后重新提交',
  REVIEW_RESULTS_HIDDEN: '评议结束后才能查看评议结果',
  VOTE_NOT_OPEN: '投票尚未开始',
  VOTE_CLOSED: '投票已结束',
  VOTE_LOCKED: '投票已开始或已有党员投票，不能再修改',
  VOTE_NOT_ELIGIBLE: '您不在本次投票的范围内',
  VOTE_CHOICE_INVALID: '选择不符合本次投票的要求',
  VOTE_RESULTS_HIDDEN: '投票结束后才公布结果',
  EXPORT_TOO_LARGE: '导出范围过大，请缩短时间段后重试',

  QUESTION_INVALID: '试题内容有误，请检查后重试',
  QUIZ_NOT_OPEN: '测试尚未开始',
  QUIZ_CLOSED: '测试已截止',
  QUIZ_NO_ATTEMPTS_LEFT: '您的作答次数已用完',
  QUIZ_TIME_UP: '已超过作答时间，本次提交未被接受；系统已按截止前保存的答案评分',
  QUIZ_ALREADY_SUBMITTED: '本次作答已交卷',
  QUIZ_NOT_ENOUGH_QUESTIONS: '题库中符合条件的试题不足，请调整抽题数量或分类',
  QUIZ_PUBLISHED: '测试已发布，不能再修改组卷规则',
  STUDY_BODY_MISSING: '请填写正文',
  STUDY_DEADLINE_NEEDED: '必读资料请设置完成期限',
  STUDY_TEXT_RISKY: '内容未通过安全检测，请修改后再提交',
  STUDY_WITHDRAWN: '该资料已撤回',
  ACTIVITY_SIGNUP_NOT_OPEN: '报名尚未开始',
  ACTIVITY_SIGNUP_CLOSED: '报名已截止',
  ACTIVITY_FULL: '名额已满',
  ACTIVITY_NOT_ELIGIBLE: '您不在本活动的报名范围内',
  ACTIVITY_ROTATION: '您近期已参加过同类活动，本次请把机会留给其他同志',
  ACTIVITY_ALREADY_SIGNED_UP: '您已报名该活动',
  ACTIVITY_CANCEL_TOO_LATE: '已过取消报名截止时间，如有特殊情况请联系活动组织者',
  ACTIVITY_EXTRA_INVALID: '请完整填写报名信息',
  ACTIVITY_NOT_CONFIRMED: '您没有该活动的有效报名，无法签到',
  ACTIVITY_CHECKIN_CLOSED: '不在现场签到时间内',
  ACTIVITY_CHECKOUT_FIRST: '请先签到再签退',
  PRACTICE_LOCKED: '这道题在您尚可参加的测试中，测试截止后再来练习',
  PRACTICE_NOT_TODAY: '这道题不在今天的练习或您的错题本中',
} as const

export type ErrorCode = keyof typeof ERRORS

export interface ErrorBody {
  code: ErrorCode
  message: string
  /** Per-field or per-row problems, e.g. the rows of an import file. */
  details?: Array<{ path: string; message: string; row?: number }>
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }
