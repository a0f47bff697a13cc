export default definePageConfig({
  navigationBarTitleText: '签到码',
  navigationBarBackgroundColor: '#9e0b22',
  backgroundColor: '#9e0b22',
  disableScroll: true,
  // 投屏模式 is for a projector or a screen turned sideways: let the page follow the device's orientation.
  pageOrientation: 'auto',
})
