export default definePageConfig({ navigationBarTitleText: '出勤异议', enablePullDownRefresh: true })
