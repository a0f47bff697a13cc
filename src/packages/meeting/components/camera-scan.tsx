import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { Button } from '@/components/nut'
import './camera-scan.scss'

interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>
}

/** Whether this browser can read a QR code from the camera (BarcodeDetector + getUserMedia; H5 only). */
export function canScanWithCamera(): boolean {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return false
  return 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia
}

/**
 * The H5 stand-in for `scanCode`: the rear camera in a <video>, polled with BarcodeDetector until a QR code is read.
 * The stream is stopped as soon as a code is found or the view closes, so the camera light goes off.
 */
export function CameraScan({ onResult, onClose }: { onResult(text: string): void; onClose(): void }) {
  const videoRef = useRef<HTMLVideoElement | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let stopped = false
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const Ctor = (window as unknown as { BarcodeDetector: new (o: { formats: string[] }) => Detector }).BarcodeDetector
    const detector = new Ctor({ formats: ['qr_code'] })

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
