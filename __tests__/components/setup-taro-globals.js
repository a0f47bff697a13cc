// The constants Taro's webpack build defines for its runtime, so @tarojs/components' React build loads in jsdom.
Object.assign(globalThis, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  SUPPORT_TARO_POLYFILL: 'disabled',
  DEPRECATED_ADAPTER_COMPONENT: false,
})
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
// jsdom has no IntersectionObserver (it lays nothing out, so nothing is ever on screen); Taro's plain <Image lazyLoad>
// watches its <img> with one before it sets the src. A stand-in that never reports: lazy images keep their data-src.
if (typeof globalThis.IntersectionObserver === 'undefined') {
  globalThis.IntersectionObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return []
    }
  }
}
