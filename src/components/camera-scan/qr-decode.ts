import type JsQR from 'jsqr'

/** One camera frame as a canvas gives it: RGBA bytes, row by row. */
export interface Frame {
  data: Uint8ClampedArray
  width: number
  height: number
}

// H5 only: the condition is a build-time constant, so the weapp build never parses the require and its meeting and activity
// subpackages do not carry jsQR (~130 KiB there; weapp scans with wx.scanCode).
const jsQR: typeof JsQR | null =
  process.env.TARO_ENV === 'h5' ? (require('jsqr') as { default: typeof JsQR }).default : null

/**
 * The text of a QR code in a frame, or null. jsQR (pure JavaScript) for browsers without BarcodeDetector — Safari on
 * iPhones and WeChat's own browser among them — so a phone browser can scan instead of pasting a code that changes
 * every 10 seconds (issue 13, defect 5). Inverted codes are not tried: the organiser's screen is dark on light, and
 * trying both doubles the work per frame.
 */
export function decodeQr(frame: Frame): string | null {
  const found = jsQR?.(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })
  return found?.data || null
}
