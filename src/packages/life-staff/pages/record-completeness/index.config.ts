export default definePageConfig({ navigationBarTitleText: '会议纪实完成情况', enablePullDownRefresh: true })
