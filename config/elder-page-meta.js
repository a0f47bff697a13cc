// 长辈模式 on weapp (src/components/elder-mode.ts). A mini-program has no <html> a script could class or resize, but
// a page may start with a page-meta node, and its root-font-size is what 1rem means on that page (WeChat:
// developers.weixin.qq.com/miniprogram/dev/component/page-meta, base library 2.9.0: "页面的根字体大小，页面中的所有
// rem 单位，将使用这个字体大小作为参考值"; "只能是页面内的第一个节点"). The weapp build converts px to rem
// (config/index.ts), so one bound font size scales type, spacing and tap targets of the whole page, as <html>'s font
// size does on H5; a wrapper view carries the class the contrast rules hang on (`.elder …` in src/app.scss).
//
// This plugin writes both into EVERY page template, bound to the page's `elder` data, which elder-mode.ts gives
// every page through one hook: no page has code of its own. Taro's own `enablePageMeta` page option is not used: it
// also emits a navigation-bar with all its attributes bound (defaults that would repaint the red title bar) and adds
// about 1 KiB to each page of the size-capped main package.
const PAGE_TEMPLATE = /^<import src="([^"]*base\.wxml)"\/>\s*<template is="taro_tmpl" data="\{\{root:root\}\}" ?\/>\s*$/

/** The page template with the page-meta node first and the page inside the class-carrying view. */
function withElder(base) {
  // Without data (never expected) 20px keeps the normal size: 1rem at a 375 px wide screen.
  return (
    `<import src="${base}"/><page-meta root-font-size="{{elder.f||'20px'}}"></page-meta>` +
    `<view class="{{elder.c}}"><template is="taro_tmpl" data="{{root:root}}" /></view>`
  )
}

/** Every page path of app.json (main package and subpackages), without extension. */
function pagesOf(app) {
  const subs = app.subPackages || app.subpackages || []
  return [...(app.pages || []), ...subs.flatMap((s) => (s.pages || []).map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
}

function rewrite(assets, RawSource) {
  const appJson = assets['app.json']
  if (!appJson) return
  const pages = pagesOf(JSON.parse(appJson.source().toString()))
  for (const page of pages) {
    const name = `${page}.wxml`
    const asset = assets[name]
    const text = asset ? asset.source().toString() : ''
    const m = PAGE_TEMPLATE.exec(text)
    // A page this cannot rewrite would silently ignore 长辈模式: stop the build instead.
    if (!m) throw new Error(`elder-page-meta: ${name} is not Taro's page template, 长辈模式 would not reach it`)
    assets[name] = new RawSource(withElder(m[1]))
  }
}

module.exports = (ctx) => {
  if (process.env.TARO_ENV !== 'weapp') return
  ctx.modifyBuildAssets(({ assets }) => rewrite(assets, require('webpack').sources.RawSource))
}
module.exports.withElder = withElder
module.exports.pagesOf = pagesOf
module.exports.PAGE_TEMPLATE = PAGE_TEMPLATE
