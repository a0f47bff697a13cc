import { qrMatrix } from '@/components/qr-code'
import { decodeQr } from '@/components/camera-scan/qr-decode'

/** Draws a QR code as a camera frame would hold it: dark modules on white, with a quiet zone, RGBA. */
function frameOf(text: string, module = 6, quiet = 4) {
  const qr = qrMatrix(text)
  const n = qr.getModuleCount()
  const size = (n + quiet * 2) * module
  const data = new Uint8ClampedArray(size * size * 4).fill(255)
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!qr.isDark(r, c)) continue
      for (let y = 0; y < module; y++)
        for (let x = 0; x < module; x++) {
          const i = (((r + quiet) * module + y) * size + (c + quiet) * module + x) * 4
          data[i] = data[i + 1] = data[i + 2] = 0
        }
    }
  return { data, width: size, height: size }
}

test('a browser without BarcodeDetector reads the organiser’s rotating code from a frame (issue 13, defect 5)', () => {
  const token = 'm1.mt_demo_assembly.178493021.Zx9kQ2bV7rLmP0aYtW3uN8sE5cH1jD4g'
  expect(token.length).toBeGreaterThan(40)
  expect(decodeQr(frameOf(token))).toBe(token)
})

test('a frame without a code reads as nothing', () => {
  const size = 120
  expect(decodeQr({ data: new Uint8ClampedArray(size * size * 4).fill(255), width: size, height: size })).toBeNull()
})
