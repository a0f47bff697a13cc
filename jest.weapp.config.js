// The weapp boot test: loads the built dist/ in a stand-in mini-program runtime. Needs `npm run build:weapp` first,
// so it is not part of `npm test`; CI runs it right after the weapp build (.ci/run).
module.exports = {
  displayName: 'weapp-boot',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/__tests__/weapp/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': '<rootDir>/scripts/jest/esbuild-transform.js' },
  // The seed renders demo articles with markdown-it-cjk-friendly, which ships only ES modules (as in jest.config.js).
  transformIgnorePatterns: ['/node_modules/(?!(markdown-it-cjk-friendly|get-east-asian-width)/)'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
}
