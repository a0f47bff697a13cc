/**
 * 用户隐私保护指引: what the app collects and why, in the words the MP console asks for (设置 → 服务内容声明 →
 * 用户隐私保护指引). The 隐私政策 page shows it; docs/privacy-guide.md is the same text to paste into the console, and
 * a test keeps the two in step. Change both when the app starts collecting anything new.
 */
export { PRIVACY_GUIDE_TITLE } from './privacy-title'

export interface PrivacyItem {
  /** What is collected. */
  what: string
  /** Why, and where it is used. */
  why: string
}

export const COLLECTED: PrivacyItem[] = [
  { what: '微信身份标识（OpenID）', why: '识别您的微信身份，使一个微信号只对应一名党员，防止他人冒用' },
  {
    what: '姓名、手机号后四位',
    why: '绑定党员身份时与党组织登记的花名册核对；不收集完整手机号，完整手机号由党组织导入花名册',
  },
  { what: '签到、请假记录', why: '统计会议、党日活动与志愿活动的出勤情况' },
  { what: '答题记录与成绩', why: '党内法规测试评分、错题本与练习统计' },
  { what: '阅读记录与阅读时长、学习心得', why: '统计必读学习资料的完成情况' },
  { what: '您上传的照片与文件', why: '活动与学习资料的封面、附件，花名册与题库的导入文件' },
]

/** The platform capabilities the app uses, each only when the user acts. */
export const PERMISSIONS: PrivacyItem[] = [
  { what: '摄像头（扫码）', why: '扫描会议或活动现场的签到二维码' },
  { what: '相册（选择照片）', why: '管理员为活动、学习资料选择封面图片' },
  { what: '选择聊天文件', why: '管理员导入花名册、题库和 PDF 学习资料' },
  { what: '剪贴板', why: '复制学习资料的链接，便于在浏览器中打开' },
]

export const PRIVACY_TERMS: string[] = [
  '信息仅用于本单位党建工作，存储在本小程序的云开发环境中，只有云函数可以读写，不向任何第三方提供。',
  '党员的完整手机号只向本人及有管理权限的党组织管理员显示，其他页面一律隐藏中间四位。',
  '您可以在「我的」中申请解除绑定；解绑后您的微信身份与党员信息不再关联。如需更正或删除个人信息，请联系所在党支部。',
  '本指引如有更新，将在小程序内提示并再次征得您的同意。',
]
