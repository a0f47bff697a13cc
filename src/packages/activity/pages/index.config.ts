export default definePageConfig({ navigationBarTitleText: '志愿与工会活动' })
