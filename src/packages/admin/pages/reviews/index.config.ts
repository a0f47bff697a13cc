export default definePageConfig({ navigationBarTitleText: '民主评议' })
