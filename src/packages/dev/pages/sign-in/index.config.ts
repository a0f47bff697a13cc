export default definePageConfig({ navigationBarTitleText: '模拟登录（仅本地）' })
