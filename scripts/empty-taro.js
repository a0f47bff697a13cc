// An empty Taro 4 app (one page, one line of text) built for H5 with this project's Taro, React and webpack, as the
// baseline `npm run lighthouse` measures beside the real app in the same run (issue 13): what Taro's own runtime
// costs on this machine, so a score can be read as the app's or the machine's. Built once into .temp/empty-taro/
// (gitignored; about a minute) and reused while the installed Taro CLI is the same version.
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '..')
const dir = path.join(root, '.temp', 'empty-taro')

const FILES = {
  'package.json': JSON.stringify({
    name: 'empty-taro',
    private: true,
    browserslist: ['defaults and fully supports es6-module'],
  }),
  'babel.config.js': `module.exports = { presets: [['taro', { framework: 'react', ts: false, compiler: 'webpack5' }]] }\n`,
  'config/index.js': `module.exports = () => ({
  projectName: 'empty-taro',
  designWidth: 375,
  deviceRatio: { 375: 2, 750: 1 },
  sourceRoot: 'src',
  outputRoot: 'dist-h5',
  framework: 'react',
  compiler: 'webpack5',
  cache: { enable: false },
  h5: { publicPath: '/', router: { mode: 'hash' } },
})
`,
  'src/app.config.js': `export default { pages: ['pages/index/index'], window: { navigationBarTitleText: '空应用' } }\n`,
  'src/app.js': `export default function App({ children }) {\n  return children\n}\n`,
  'src/pages/index/index.jsx': `import { View } from '@tarojs/components'\n\nexport default function Index() {\n  return <View>一个空的 Taro 应用</View>\n}\n`,
}

/** The folder of the empty app's H5 build (precompressed like the real one), building it first when needed. */
function emptyTaroBuild() {
  const out = path.join(dir, 'dist-h5')
  // Rebuilt when Taro or the page shell changes: the baseline must load the same index.html as the app.
  const shell = fs.readFileSync(path.join(root, 'src', 'index.html'))
  const version =
    require(path.join(root, 'node_modules', '@tarojs', 'cli', 'package.json')).version +
    ' ' +
    require('crypto').createHash('sha1').update(shell).digest('hex').slice(0, 12)
  const stamp = path.join(dir, 'built-with-taro')
  if (fs.existsSync(path.join(out, 'index.html')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version)
    return out
  fs.rmSync(dir, { recursive: true, force: true })
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  // The same page shell as the real app (language, viewport, description), so only the app differs.
  fs.copyFileSync(path.join(root, 'src', 'index.html'), path.join(dir, 'src', 'index.html'))
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  console.log('正在构建空白 Taro 应用（对照用，约 1 分钟）…')
  const run = (args) => {
    const r = spawnSync(process.execPath, args, {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (r.status !== 0) throw new Error(`empty Taro app: ${args.join(' ')} failed`)
  }
  run([require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'])
  run([path.join(root, 'scripts', 'precompress.js'), out])
  fs.writeFileSync(stamp, version)
  return out
}

module.exports = { emptyTaroBuild }
