// The weapp main package has a 350 KiB budget (scripts/size.js) and Taro's generated base.wxml (every component's
// template, ~64 KiB) is indented for reading: whitespace between tags is about 1.5 KiB of it. WXML renders no
// whitespace-only text between tags, so it goes. Only runs between tags (`>  <`), never inside attributes or text.
// Taro's own `minifyXML.collapseWhitespace` is not used: its html-minifier drops the closing tag of <input>, which
// HTML calls void but WXML requires.
module.exports = (ctx) => {
  if (process.env.TARO_ENV !== 'weapp') return
  ctx.modifyBuildAssets(({ assets }) => {
    const { RawSource } = require('webpack').sources
    for (const name of Object.keys(assets)) {
      if (!name.endsWith('.wxml')) continue
      const text = assets[name].source().toString()
      const tight = text.replace(/>\s+</g, '><').trim()
      if (tight.length !== text.length) assets[name] = new RawSource(tight)
    }
  })
}
