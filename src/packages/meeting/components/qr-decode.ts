import jsQR from 'jsqr'

/** One camera frame as a canvas gives it: RGBA bytes, row by row. */
export interface Frame {
  data: Uint8ClampedArray
  width: number
  height: number
}

/**
 * The text of a QR code in a frame, or null. jsQR (pure JavaScript, ~40 KB) for browsers without BarcodeDetector —
 * Safari on iPhones and WeChat's own browser among them — so a phone browser can scan instead of pasting a code
 * that changes every 10 seconds (issue 13, defect 5). Inverted codes are not tried: the organiser's screen is dark on
 * light, and trying both doubles the work per frame.
 */
export function decodeQr(frame: Frame): string | null {
  const found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })
  return found?.data || null
}
