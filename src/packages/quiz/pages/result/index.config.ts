export default definePageConfig({ navigationBarTitleText: '测试成绩', enablePullDownRefresh: true })
