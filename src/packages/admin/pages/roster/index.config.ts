export default definePageConfig({
  navigationBarTitleText: '花名册',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 80,
})
