export default definePageConfig({ navigationBarTitleText: '支部考评', enablePullDownRefresh: true })
