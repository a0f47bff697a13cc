import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ChangeEvent } from 'react'
import { ensurePrivacyConsent } from '@/components/privacy-sheet/consent'
import { altProps } from '@/components/alt'

const isWeapp = process.env.TARO_ENV === 'weapp'

interface CoverPickerProps {
  /** id of the H5 <input type=file> (e2e picks the image through it). */
  inputId: string
  /** Class prefix of the page's own cover styles ('ae' → ae-cover-pick, ae-cover-thumb, ae-link, ae-file, ae-file-input). */
  classPrefix: string
  /** What the cover shows now (a weapp temp path, an H5 object URL or the stored URL); empty for none. */
  preview: string
  uploading: boolean
  /** Called with the picked image, its name and a URL to show it by until the form is saved. */
  onPick: (file: string | Blob, name: string, previewUrl: string) => unknown
}

/**
 * The 封面 picker of the activity and study forms: the thumbnail, then 上传图片 / 更换, which opens the weapp album or
 * the H5 file dialog. Each page keeps its own styles, hence the class prefix.
 */
export function CoverPicker({ inputId, classPrefix: p, preview, uploading, onPick }: CoverPickerProps) {
  const chooseWeapp = async () => {
    if (!(await ensurePrivacyConsent('上传封面图片'))) return
    try {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })
      const f = res.tempFiles[0]
      if (f) await onPick(f.tempFilePath, f.tempFilePath, f.tempFilePath)
    } catch {
      // Closed the picker.
    }
  }
  const onH5File = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0]
    e.target.value = ''
    if (f) onPick(f, f.name, URL.createObjectURL(f))
  }
  const label = uploading ? '上传中…' : preview ? '更换' : '上传图片'

  return (
    <View className={`${p}-cover-pick`}>
      {preview && <Image className={`${p}-cover-thumb`} src={preview} mode="aspectFill" {...altProps('封面预览')} />}
      {isWeapp ? (
        <Text className={`${p}-link`} onClick={chooseWeapp}>
          {label}
        </Text>
      ) : (
        <label className={`${p}-file`}>
          <input
            id={inputId}
            className={`${p}-file-input`}
            type="file"
            accept="image/*"
            disabled={uploading}
            onChange={onH5File}
          />
          <span className={`${p}-link`}>{label}</span>
        </label>
      )}
    </View>
  )
}
