// H5 only (issue 13): the first page's code starts downloading with the entry, not after it.
//
// Taro's H5 router imports a page's chunks only once the entry (app.js and the Taro runtime, ~100 KB compressed) has
// downloaded and run; on a phone network that is one more round trip plus the whole entry's download before the
// page's own ~35 KB even start. This plugin writes into index.html, for each tab page, the files its route loads
// (its chunk group's JS and CSS, minus what the entry already has), and a few lines of inline script that add
// <link rel="preload"> for the route in the address bar. The browser then fetches them in parallel with the entry;
// webpack's loader, when the router asks for the page, finds them in the cache (same URLs, same credentials mode).
// Nothing else changes: the same files, loaded by the same code, in the same order of execution.
// Tab pages only: they are where a member lands (a link into a subpackage page loads as before), and the map stays
// small (about 4 × 6 file names) in a file that is fetched on every visit.
const path = require('path')

const NAME = 'H5RoutePreloadPlugin'

class H5RoutePreloadPlugin {
  /**
   * @param {{ pages: string[], publicPath: string, earlyCalls?: (home: string) => string }} options pages as in
   * app.config (`pages/home/index`); earlyCalls: the inline script that starts the route's cloud calls
   * (h5-early-calls.js), written after the preloads.
   */
  constructor(options) {
    this.pages = options.pages
    this.publicPath = options.publicPath
    this.earlyCalls = options.earlyCalls
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      // After html-webpack-plugin has written index.html (it does at OPTIMIZE_INLINE).
      compilation.hooks.processAssets.tap(
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE + 100 },
        () => {
          const html = compilation.getAsset('index.html')
          if (!html) return
          const initial = new Set()
          for (const ep of compilation.entrypoints.values()) for (const f of ep.getFiles()) initial.add(f)
          const routes = {}
          for (const group of compilation.chunkGroups) {
            const page = this.pageOf(group)
            if (!page) continue
            const files = group
              .getFiles()
              .filter((f) => /\.(js|css)$/.test(f) && !initial.has(f))
              // CSS first: the page's styles block its first paint, its scripts do not.
              .sort((a, b) => Number(b.endsWith('.css')) - Number(a.endsWith('.css')))
            routes[page] = [...new Set([...(routes[page] ?? []), ...files])]
          }
          const missing = this.pages.filter((p) => !routes[p])
          if (missing.length) {
            // A Taro upgrade that loads pages differently must not silently drop the preload.
            compilation.errors.push(new Error(`${NAME}: no chunk group found for ${missing.join(', ')}`))
            return
          }
          const script = inlineScript(routes, this.publicPath, this.pages[0]) + (this.earlyCalls?.(this.pages[0]) ?? '')
          const text = html.source.source().toString()
          if (!text.includes('</title>')) {
            compilation.errors.push(new Error(`${NAME}: index.html has no </title> to insert after`))
            return
          }
          compilation.updateAsset('index.html', new sources.RawSource(text.replace('</title>', `</title>${script}`)))
        },
      )
    })
  }

  /** The page (`pages/home/index`) a chunk group is the lazy import of, if it is one of ours. */
  pageOf(group) {
    for (const origin of group.origins ?? []) {
      const request = (origin.request ?? '')
        .split(path.sep)
        .join('/')
        .replace(/\.(tsx?|jsx?)$/, '')
      const page = this.pages.find((p) => request.endsWith('/' + p))
      if (page) return page
    }
    return null
  }
}

/**
 * `#/pages/study/index?x=1` → preload that route's files; no route → the first page (the router's default). Links
 * are created by script because the route lives in the URL's hash, which the server never sees.
 */
function inlineScript(routes, publicPath, home) {
  const map = JSON.stringify(routes)
  return (
    '<script>!function(m){var r=location.hash.replace(/^#\\/?/,"").split("?")[0]||' +
    JSON.stringify(home) +
    ';(m[r]||[]).forEach(function(f){var l=document.createElement("link");l.rel="preload";' +
    'l.as=/\\.css$/.test(f)?"style":"script";l.href=' +
    JSON.stringify(publicPath) +
    '+f;document.head.appendChild(l)})}(' +
    map +
    ')</script>'
  )
}

module.exports = { H5RoutePreloadPlugin }
