import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { Button } from '@/components/nut'
import { decodeQr } from './qr-decode'
import './index.scss'

interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>
}

/** Whether this browser can open the camera (H5 only): BarcodeDetector reads the code where there is one, else jsQR. */
export function canScanWithCamera(): boolean {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return false
  return !!navigator.mediaDevices?.getUserMedia
}

/** Reads QR codes off the video: the browser's BarcodeDetector, or jsQR over a downscaled canvas frame. */
function makeDetector(): Detector {
  const Native = (window as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector
  if (Native) return new Native({ formats: ['qr_code'] })
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  return {
    async detect(video) {
      if (!ctx || !video.videoWidth) return []
      // At most 640 px across: enough for a code filling part of the frame, and fast enough for 4 frames a second.
      const scale = Math.min(1, 640 / video.videoWidth)
      canvas.width = Math.round(video.videoWidth * scale)
      canvas.height = Math.round(video.videoHeight * scale)
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height)
      const text = decodeQr(ctx.getImageData(0, 0, canvas.width, canvas.height))
      return text ? [{ rawValue: text }] : []
    },
  }
}

/**
 * The H5 stand-in for `scanCode`: the rear camera in a <video>, polled until a QR code is read.
 * The stream is stopped as soon as a code is found or the view closes, so the camera light goes off.
 */
export function CameraScan({ onResult, onClose }: { onResult(text: string): void; onClose(): void }) {
  const videoRef = useRef<HTMLVideoElement | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let stopped = false
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const detector = makeDetector()

    const tick = async () => {
      if (stopped || !videoRef.current) return
      try {
        const codes = await detector.detect(videoRef.current)
        if (!stopped && codes[0]?.rawValue) {
          stopped = true
          stream?.getTracks().forEach((t) => t.stop())
          onResult(codes[0].rawValue)
          return
        }
      } catch {
        // A frame that is not ready yet; try the next one.
      }
      timer = setTimeout(tick, 250)
    }

    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        stream = s
        if (stopped) return s.getTracks().forEach((t) => t.stop())
        if (videoRef.current) {
          videoRef.current.srcObject = s
          void videoRef.current.play()
        }
        tick()
      })
      .catch(() => setError('无法打开摄像头，请在浏览器设置中允许使用摄像头，或粘贴签到码'))

    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
      stream?.getTracks().forEach((t) => t.stop())
    }
  }, [onResult])

  return (
    <View className="camera-scan">
      {error ? (
        <View className="form-error">{error}</View>
      ) : (
        <View className="camera-scan-frame">
          <video ref={videoRef} className="camera-scan-video" playsInline muted />
          <Text className="camera-scan-hint">将二维码放入框内，自动识别</Text>
        </View>
      )}
      <Button className="camera-scan-close" size="small" fill="outline" onClick={onClose}>
        关闭摄像头
      </Button>
    </View>
  )
}
