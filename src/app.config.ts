const isH5 = process.env.TARO_ENV === 'h5'

// A subpackage's `name` is an alias for preloadRule only (https://developers.weixin.qq.com/miniprogram/dev/framework/subpackages/basic.html):
// only the preloaded ones carry one, since app.json (and its copy in app.js) weigh on the main package.
const subPackages = [
  {
    root: 'packages/meeting/',
    name: 'meeting',
    pages: [
      'pages/index',
      'pages/detail/index',
      'pages/checkin/index',
      'pages/history/index',
      'pages/makeup/index',
      'pages/makeup-do/index',
      'pages/year/index',
    ],
  },
  {
    root: 'packages/quiz/',
    name: 'quiz',
    pages: ['pages/index', 'pages/take/index', 'pages/result/index', 'pages/practice/index', 'pages/wrong-book/index'],
  },
  { root: 'packages/study/', name: 'study', pages: ['pages/index', 'pages/article/index'] },
  {
    root: 'packages/activity/',
    name: 'activity',
    pages: ['pages/index', 'pages/detail/index', 'pages/checkin/index', 'pages/hours/index'],
  },
  { root: 'packages/life/', pages: ['pages/votes/index', 'pages/review/index'] },
  {
    root: 'packages/admin/',
    pages: [
      'pages/index',
      'pages/roster/index',
      'pages/member/index',
      'pages/review/index',
      'pages/import/index',
      'pages/org/index',
      'pages/meetings/index',
      'pages/meeting-edit/index',
      'pages/meeting-board/index',
      'pages/meeting-qr/index',
      'pages/meeting-record/index',
      'pages/votes/index',
      'pages/reviews/index',
      'pages/leaves/index',
      'pages/objections/index',
      'pages/makeups/index',
      'pages/behind/index',
      'pages/attendance-stats/index',
      'pages/compliance/index',
      'pages/talks/index',
      'pages/record-completeness/index',
      'pages/quizzes/index',
      'pages/quiz-edit/index',
      'pages/quiz-live/index',
      'pages/bank/index',
      'pages/question-edit/index',
      'pages/bank-import/index',
      'pages/study-articles/index',
      'pages/study-edit/index',
      'pages/study-stats/index',
      'pages/study-completion/index',
      'pages/activities/index',
      'pages/activity-edit/index',
      'pages/activity-roster/index',
      'pages/activity-qr/index',
    ],
  },
  // 支部考评 with its charts: AntV F2 alone is ~490 KiB, more than the admin package had left, so the screen is a
  // subpackage of its own (its budget in scripts/size.js).
  { root: 'packages/scorecard/', pages: ['pages/index'] },
  // 隐私政策 is read rarely (from 我的, the bind page, the consent sheet): a subpackage loaded when opened, so its
  // text does not weigh on the main package every launch downloads.
  { root: 'packages/privacy/', pages: ['pages/index'] },
  // Binding happens once per person: it need not weigh on the main package every launch downloads.
  { root: 'packages/member/', pages: ['pages/bind/index'] },
  // The emulator's dev sign-in: H5 only, never shipped in the mini-program.
  ...(isH5 ? [{ root: 'packages/dev/', name: 'dev', pages: ['pages/sign-in/index'] }] : []),
]

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/study/index', 'pages/activity/index', 'pages/me/index'],
  subPackages,
  preloadRule: {
    // From 首页 a member usually goes on to sign in at a meeting or take the test.
    'pages/home/index': { network: 'all', packages: ['meeting', 'quiz'] },
    'pages/study/index': { network: 'all', packages: ['study'] },
    'pages/activity/index': { network: 'all', packages: ['activity'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '机关党建',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    // H5 only in effect (weapp always has its bar): Taro's H5 router draws the title with a back or home button, so
    // no screen — an error in particular — is a dead end in a phone browser.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/study/index',
        text: '学习',
        iconPath: 'assets/tab/study.png',
        selectedIconPath: 'assets/tab/study-active.png',
      },
      {
        pagePath: 'pages/activity/index',
        text: '活动',
        iconPath: 'assets/tab/activity.png',
        selectedIconPath: 'assets/tab/activity-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // Privacy APIs wait for the user's consent through wx.onNeedPrivacyAuthorization (components/privacy-sheet/consent.ts).
  // https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
  __usePrivacyCheck__: true,
} as Parameters<typeof defineAppConfig>[0])
