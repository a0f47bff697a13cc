import Taro from '@tarojs/taro'
import type { LocalFile } from '@/remote/files'

/** Longest side of a meeting photo after compression: enough for the record and the Word file, ~200 KB as JPEG. */
const MAX_SIDE = 1280

/**
 * Shrinks a photo on the phone before it is uploaded. weapp: `compressImage` (quality 60). H5: draws it on a canvas
 * no larger than 1280 px and re-encodes it as JPEG. A file that cannot be decoded is uploaded as it is.
 */
export async function compressImage(file: LocalFile): Promise<LocalFile> {
  if (typeof file === 'string') {
    try {
      const res = await Taro.compressImage({ src: file, quality: 60 })
      return res.tempFilePath
    } catch {
      return file
    }
  }
  try {
    const bitmap = await createImageBitmap(file)
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.7))
    return blob && blob.size < file.size ? blob : file
  } catch {
    return file
  }
}
