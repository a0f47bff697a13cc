export default definePageConfig({ navigationBarTitleText: '学习资料', onReachBottomDistance: 80 })
