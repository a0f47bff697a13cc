export default definePageConfig({
  navigationBarTitleText: '机关党建',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
