export default definePageConfig({
  navigationBarTitleText: '活动签到码',
  navigationBarBackgroundColor: '#9e0b22',
  backgroundColor: '#9e0b22',
  disableScroll: true,
})
