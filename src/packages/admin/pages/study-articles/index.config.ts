export default definePageConfig({
  navigationBarTitleText: '学习资料管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
