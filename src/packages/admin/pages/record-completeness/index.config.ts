export default definePageConfig({ navigationBarTitleText: '纪实完成情况', enablePullDownRefresh: true })
