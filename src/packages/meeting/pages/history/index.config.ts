export default definePageConfig({ navigationBarTitleText: '我的出勤', enablePullDownRefresh: true })
