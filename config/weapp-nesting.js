// The weapp main package has a 350 KiB budget (scripts/size.js), and Taro's base.wxml is a fifth of it. WXML templates
// cannot include themselves, so Taro writes a component that may sit inside itself once per nesting level
// (`nestElements`); scroll-view gets 4 levels (tmpl_0…3_<n>, 2.3 KiB each). Taro puts scroll-view into every build
// (its default component list), but no screen here renders one: no module imports ScrollView. One level is kept (a
// scroll-view still renders), the three for a scroll-view inside a scroll-view go: −7 KiB of the main package, room
// the alt text of config/weapp-aria.js and later screens use. It is @tarojs/plugin-inject's `nestElements` option
// (the same call on the same template), which has no Taro 4.2 release.
//
// With one level, a scroll-view inside another would need a template that includes itself, which WeChat does not
// render. So the build stops as soon as any module imports ScrollView from @tarojs/components: raise the level here
// (or drop this plugin) when a screen needs one.
const LEVELS = { 'scroll-view': 1 }
const COMPONENTS = '@tarojs/components'

/** Names imported from @tarojs/components by any module of the compilation. */
function importedComponents(compilation) {
  const names = new Set()
  for (const module of compilation.modules) {
    if (module.rawRequest !== COMPONENTS) continue
    for (const conn of compilation.moduleGraph.getIncomingConnections(module)) {
      for (const id of conn.dependency?.ids ?? []) names.add(id)
    }
  }
  return names
}

class ScrollViewGuard {
  apply(compiler) {
    compiler.hooks.compilation.tap('weapp-nesting', (compilation) => {
      compilation.hooks.finishModules.tap('weapp-nesting', () => {
        if (importedComponents(compilation).has('ScrollView'))
          compilation.errors.push(
            new Error(
              'weapp-nesting: a module imports ScrollView, but base.wxml has scroll-view at one level only ' +
                '(config/weapp-nesting.js): raise it there',
            ),
          )
      })
    })
  }
}

module.exports = (ctx) => {
  if (process.env.TARO_ENV !== 'weapp') return
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      for (const [name, levels] of Object.entries(LEVELS)) platform.template.nestElements.set(name, levels)
    },
  })
  ctx.modifyWebpackChain(({ chain }) => {
    chain.plugin('weapp-nesting-guard').use(ScrollViewGuard)
  })
}
module.exports.LEVELS = LEVELS
