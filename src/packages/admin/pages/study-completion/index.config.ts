export default definePageConfig({ navigationBarTitleText: '必读完成情况', enablePullDownRefresh: true })
