export default definePageConfig({ navigationBarTitleText: '法规测试', enablePullDownRefresh: true })
