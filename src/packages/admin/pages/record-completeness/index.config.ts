export default definePageConfig({ navigationBarTitleText: '纪实统计', enablePullDownRefresh: true })
