// Jest transform: TypeScript/TSX to CommonJS with esbuild (fast, no type-check; `npm run typecheck` does that).
const { transformSync } = require('esbuild')

module.exports = {
  process(source, filename) {
    const loader = filename.endsWith('.tsx')
      ? 'tsx'
      : filename.endsWith('.ts')
        ? 'ts'
        : filename.endsWith('.jsx')
          ? 'jsx'
          : 'js'
    const out = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      jsx: 'automatic',
      sourcemap: 'inline',
      sourcefile: filename,
      define: loader === 'js' ? undefined : { 'process.env.TARO_ENV': '"h5"' },
    })
    return { code: out.code }
  },
}
