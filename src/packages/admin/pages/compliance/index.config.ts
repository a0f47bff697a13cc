export default definePageConfig({ navigationBarTitleText: '组织生活达标', enablePullDownRefresh: true })
