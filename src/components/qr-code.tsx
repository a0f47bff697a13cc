import { Canvas, Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import qrcode from 'qrcode-generator'
import { useEffect, useMemo, useRef } from 'react'
import './qr-code.scss'
import { altProps } from './alt'

const QUIET_ZONE = 2

/** The QR matrix for `text` (error correction M: a phone at arm's length reads it off a screen). */
export function qrMatrix(text: string) {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr
}

let serial = 0

/**
 * A QR code drawn on the client. weapp: a 2d <Canvas> — a grid of views would be ~1,100 WXML nodes for a 33×33 code,
 * past the advised 1,000. H5: an <img> of a data URL, which scales crisply with `image-rendering: pixelated`.
 */
export function QrCode({ text, size, label = '二维码' }: { text: string; size: number; label?: string }) {
  const qr = useMemo(() => qrMatrix(text), [text])
  const idRef = useRef(`qr-canvas-${++serial}`)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    Taro.createSelectorQuery()
      .select(`#${idRef.current}`)
      .fields({ node: true, size: true })
      .exec((res) => {
        const canvas = res?.[0]?.node as (HTMLCanvasElement & { width: number; height: number }) | undefined
        if (!canvas) return
        const dpr = Taro.getWindowInfo().pixelRatio || 2
        canvas.width = size * dpr
        canvas.height = size * dpr
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D
        ctx.scale(dpr, dpr)
        const count = qr.getModuleCount()
        const cell = size / (count + QUIET_ZONE * 2)
        ctx.fillStyle = '#ffffff'
        ctx.fillRect(0, 0, size, size)
        ctx.fillStyle = '#000000'
        for (let r = 0; r < count; r++) {
          for (let c = 0; c < count; c++) {
            // Slightly oversized cells so anti-aliasing leaves no hairlines between neighbours.
            if (qr.isDark(r, c)) ctx.fillRect((c + QUIET_ZONE) * cell, (r + QUIET_ZONE) * cell, cell + 0.5, cell + 0.5)
          }
        }
      })
  }, [qr, size])

  const style = { width: `${size}px`, height: `${size}px` }
  if (process.env.TARO_ENV === 'weapp') {
    return <Canvas type="2d" id={idRef.current} className="qr-code" style={style} />
  }
  const count = qr.getModuleCount()
  const cell = Math.max(2, Math.floor(size / (count + QUIET_ZONE * 2)))
  return (
    <View className="qr-code" style={style}>
      <Image
        className="qr-code-img"
        src={qr.createDataURL(cell, cell * QUIET_ZONE)}
        style={style}
        mode="scaleToFill"
        {...altProps(label)}
      />
    </View>
  )
}
