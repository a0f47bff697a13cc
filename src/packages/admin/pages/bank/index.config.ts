export default definePageConfig({ navigationBarTitleText: '题库管理', enablePullDownRefresh: true })
