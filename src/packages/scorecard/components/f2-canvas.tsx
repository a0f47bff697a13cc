import { Canvas as F2, type JSX as F2JSX } from '@antv/f2'
import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { leafProps } from '@/components/alt'

type Node = {
  getContext: (type: '2d') => CanvasRenderingContext2D | null
  width: number
  height: number
  /** weapp's canvas node has its own frame timer; there is no global requestAnimationFrame there. */
  requestAnimationFrame?: (cb: () => void) => number
  cancelAnimationFrame?: (id: number) => void
}

/**
 * The canvas node and its CSS size. On weapp a `<Canvas type="2d">` is reached through a selector query (AntV F2's own
 * mini-program component does the same: https://github.com/antvis/F2/blob/master/packages/wx/src/index.ts); on H5 the
 * Taro canvas is a custom element holding a real <canvas>, which it sizes on its first render — drawing before that
 * would be wiped, so we wait for it (componentOnReady).
 */
async function canvasNode(id: string): Promise<{ node: Node; width: number; height: number } | null> {
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id) as (HTMLElement & { componentOnReady?: () => Promise<unknown> }) | null
    if (!host) return null
    await host.componentOnReady?.()
    const node = await innerCanvas(host)
    const { width, height } = node.getBoundingClientRect()
    return { node, width, height }
  }
  return new Promise((resolve) =>
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res) => {
        const r = res?.[0] as { node?: Node; width: number; height: number } | undefined
        resolve(r?.node ? { node: r.node, width: r.width, height: r.height } : null)
      }),
  )
}

/**
 * The real <canvas> inside Taro's H5 canvas element, once it is there. Where the element has no componentOnReady
 * (jsdom), or its parent is a plain element (h5.useHtmlComponents) so nothing delays the effect until Stencil has
 * rendered its children, the <canvas> may come a moment after the effect runs: wait for it instead of drawing nothing.
 */
function innerCanvas(host: HTMLElement): Promise<HTMLCanvasElement> {
  const now = host.querySelector('canvas')
  if (now) return Promise.resolve(now)
  return new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      const node = host.querySelector('canvas')
      if (!node) return
      watch.disconnect()
      resolve(node)
    })
    watch.observe(host, { childList: true, subtree: true })
  })
}

const pixelRatio = () =>
  process.env.TARO_ENV === 'h5' ? window.devicePixelRatio || 1 : (Taro.getWindowInfo?.().pixelRatio ?? 2)

/**
 * What F2's renderer (AntV G) needs from the platform besides the context. In a browser it finds them itself; on weapp
 * there is no DOM to make a measuring canvas from nor a global frame timer, so it gets an offscreen 2d canvas
 * (wx.createOffscreenCanvas, G's "user-defined offscreen canvas" for measuring text) and the node's frame timer.
 */
function platformOf(node: Node) {
  if (process.env.TARO_ENV === 'h5') return {}
  return {
    // G only calls getContext('2d') on it (its typing asks for a whole DOM canvas).
    offscreenCanvas: Taro.createOffscreenCanvas({ type: '2d' }) as unknown as HTMLCanvasElement,
    requestAnimationFrame: node.requestAnimationFrame?.bind(node),
    cancelAnimationFrame: node.cancelAnimationFrame?.bind(node),
  }
}

/**
 * An AntV F2 chart on a 2d canvas. `chart` builds the F2 element tree; it is drawn again whenever `drawKey` changes
 * (the data shown). The canvas is an image to a screen reader: `label` says what it shows, and every screen keeps the
 * figures as text beside it.
 */
export function F2Canvas({
  id,
  height,
  label,
  drawKey,
  chart,
}: {
  id: string
  height: number
  label: string
  drawKey: string
  chart: () => F2JSX.Element
}) {
  const build = useRef(chart)
  build.current = chart
  useEffect(() => {
    let cancelled = false
    let drawn: F2 | null = null
    const draw = async () => {
      const found = await canvasNode(id)
      const context = found?.node.getContext('2d')
      if (cancelled || !found || !context || !found.width) return
      const ratio = pixelRatio()
      found.node.width = Math.round(found.width * ratio)
      found.node.height = Math.round(found.height * ratio)
      // No animation: the figures are read, not watched, and a mini-program canvas draws each frame through the bridge.
      drawn = new F2({
        context,
        pixelRatio: ratio,
        width: found.width,
        height: found.height,
        animate: false,
        // F2 sizes its theme in 750-wide design px ('30px' of padding) and by default scales them by the page's root
        // font size — 20px here (rem layout, src/components/elder-mode.ts), which made padding and labels a fifth of
        // their size on H5 and different on weapp. Half, as for a 375-wide screen, on both.
        px2hd: (px: number) => px / 2,
        // F2's default is 15 px on every side (its '30px' halved). A horizontal axis centres its last label on the
        // plot's right edge: "100" (the value axis) or "12月" (the trend) ran past the canvas on a 375 px screen, more
        // so at 长辈模式's 14 px labels. 24 px on the right holds half of either at that size.
        padding: ['30px', '48px', '30px', '30px'],
        ...platformOf(found.node),
        children: build.current(),
      })
      drawn.render()
    }
    Taro.nextTick(() => void draw())
    return () => {
      cancelled = true
      drawn?.destroy()
    }
  }, [id, drawKey])

  return (
    // Taro's Canvas takes no ARIA props: the label sits on a view around it (an image's inside is not read).
    <View {...leafProps('img', label)} className="sc-canvas-wrap">
      <Canvas type="2d" id={id} className="sc-canvas" style={{ height: `${height}px` }} />
    </View>
  )
}
