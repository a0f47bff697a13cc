export default definePageConfig({ navigationBarTitleText: '补学', enablePullDownRefresh: true })
