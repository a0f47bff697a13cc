/** Every page path the app navigates to, in one place. */
export const ROUTES = {
  home: '/pages/home/index',
  study: '/pages/study/index',
  activity: '/pages/activity/index',
  me: '/pages/me/index',
  bind: '/pages/bind/index',
  meeting: '/packages/meeting/pages/index',
  quiz: '/packages/quiz/pages/index',
  studyList: '/packages/study/pages/index',
  activityList: '/packages/activity/pages/index',
  admin: '/packages/admin/pages/index',
  adminRoster: '/packages/admin/pages/roster/index',
  adminReview: '/packages/admin/pages/review/index',
  adminImport: '/packages/admin/pages/import/index',
  adminOrg: '/packages/admin/pages/org/index',
  devSignIn: '/packages/dev/pages/sign-in/index',
} as const
