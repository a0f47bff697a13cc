export default definePageConfig({ navigationBarTitleText: '测试实时情况', enablePullDownRefresh: true })
