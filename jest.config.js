// Three projects: pure rules, cloud functions through the local cloud, and components in jsdom.
const transform = { '^.+\\.(t|j)sx?$': '<rootDir>/scripts/jest/esbuild-transform.js' }
const moduleNameMapper = { '^@/(.*)$': '<rootDir>/src/$1' }

module.exports = {
  // A guard against a hung test, not a speed check (rule 8: no wall-clock thresholds). Jest's 5 s default failed
  // tests whose local cloud and demo data take seconds to build when two cores run several suites at once.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'domain',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/__tests__/domain/**/*.test.ts',
        '<rootDir>/__tests__/contract/**/*.test.ts',
        '<rootDir>/__tests__/deploy/**/*.test.ts',
      ],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'functions',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/__tests__/functions/**/*.test.ts', '<rootDir>/__tests__/emulator/**/*.test.ts'],
      transform,
      // markdown-it-cjk-friendly (and its width table) ship only ES modules; the seed renders demo articles with it, as the
      // study function does.
      transformIgnorePatterns: ['/node_modules/(?!(markdown-it-cjk-friendly|get-east-asian-width)/)'],
      moduleNameMapper,
    },
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/__tests__/components/**/*.test.tsx'],
      // Taro's component library pulls in ESM-only packages (swiper ships .mjs).
      transform: { '^.+\\.(t|j)sx?$|^.+\\.mjs$': '<rootDir>/scripts/jest/esbuild-transform.js' },
      transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@nutui|@stencil|tslib|swiper|ssr-window|dom7|\\.pnpm)/)'],
      moduleNameMapper: {
        ...moduleNameMapper,
        // What the H5 build renders (config/index.ts, h5.useHtmlComponents): plain elements for View, Text, Image,
        // Input, Picker, Button; the rest from Taro's web-component library, as in the build.
        '^@tarojs/components$': '<rootDir>/scripts/jest/taro-components-h5.js',
        '\\.(css|scss)$': '<rootDir>/scripts/jest/style-stub.js',
      },
      setupFiles: ['<rootDir>/__tests__/components/setup-taro-globals.js'],
      setupFilesAfterEnv: ['<rootDir>/scripts/jest/setup-components.js'],
    },
  ],
}
