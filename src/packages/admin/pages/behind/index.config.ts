export default definePageConfig({ navigationBarTitleText: '需要关注', enablePullDownRefresh: true })
