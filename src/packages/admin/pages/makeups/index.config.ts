export default definePageConfig({ navigationBarTitleText: '补学情况', enablePullDownRefresh: true })
