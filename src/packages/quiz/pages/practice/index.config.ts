export default definePageConfig({ navigationBarTitleText: '每日一练', enablePullDownRefresh: true })
