export default definePageConfig({ navigationBarTitleText: '会议纪实' })
