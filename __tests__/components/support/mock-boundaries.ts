// Imported first by every component test. The esbuild transform does not hoist `jest.mock`, so the mocks live in a
// module of their own that runs before the page under test is required.
// Mocked: the platform API (@tarojs/taro) and the app's one door to the cloud (`call`, `uploadFile`). Stores,
// pages and components are the real ones.
jest.mock('@tarojs/taro', () => require('./taro-fake').taroModule)
jest.mock('@/services/api-client', () => ({
  ...jest.requireActual('@/services/api-client'),
  call: jest.fn(),
  uploadFile: jest.fn(),
}))

export {}
