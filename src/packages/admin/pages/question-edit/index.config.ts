export default definePageConfig({ navigationBarTitleText: '编辑试题' })
