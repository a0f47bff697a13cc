// Browser tests: the real H5 build served by the local cloud gateway, driven by Playwright in Debian's Chromium.
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/__tests__/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.(t|j)sx?$': '<rootDir>/scripts/jest/esbuild-transform.js' },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  globalSetup: '<rootDir>/__tests__/e2e/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/e2e/global-teardown.js',
  testTimeout: 60000,
  maxWorkers: 1,
}
