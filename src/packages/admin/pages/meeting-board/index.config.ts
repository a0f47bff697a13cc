export default definePageConfig({ navigationBarTitleText: '签到看板', enablePullDownRefresh: true })
