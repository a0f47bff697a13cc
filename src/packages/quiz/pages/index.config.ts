export default definePageConfig({ navigationBarTitleText: '党内法规测试', enablePullDownRefresh: true })
