import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ChangeEvent } from 'react'
import type { LocalFile } from '@/remote/files'
import './photo-picker.scss'
import { altProps } from '@/components/alt'

const isWeapp = process.env.TARO_ENV === 'weapp'

interface PhotoPickerProps {
  /** id of the H5 <input type=file> (the browser tests pick photos through it). */
  inputId: string
  photos: Array<{ key: string; url: string }>
  max: number
  uploading: boolean
  onPick(files: Array<{ file: LocalFile; name: string }>): unknown
  onRemove(key: string): void
}

/** Several photos: thumbnails with 删除, then 添加照片 (weapp album/camera, H5 file dialog, several at once). */
export function PhotoPicker({ inputId, photos, max, uploading, onPick, onRemove }: PhotoPickerProps) {
  const room = max - photos.length
  const chooseWeapp = async () => {
    try {
      const res = await Taro.chooseMedia({ count: room, mediaType: ['image'], sizeType: ['compressed'] })
      await onPick(res.tempFiles.map((f) => ({ file: f.tempFilePath, name: f.tempFilePath })))
    } catch {
      // Closed the picker.
    }
  }
  const onH5 = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])].slice(0, room)
    e.target.value = ''
    if (files.length) onPick(files.map((f) => ({ file: f, name: f.name })))
  }
  return (
    <View className="photo-picker">
      {photos.map((p, i) => (
        <View key={p.key} className="photo-picker-item">
          <Image className="photo-picker-thumb" src={p.url} mode="aspectFill" {...altProps(`已选照片 ${i + 1}`)} />
          <Text className="photo-picker-remove" onClick={() => onRemove(p.key)}>
            删除
          </Text>
        </View>
      ))}
      {room > 0 &&
        (isWeapp ? (
          <View className="photo-picker-add" onClick={chooseWeapp}>
            {uploading ? '上传中…' : '+ 添加照片'}
          </View>
        ) : (
          <label className="photo-picker-add">
            <input
              id={inputId}
              className="photo-picker-input"
              type="file"
              accept="image/*"
              multiple
              disabled={uploading}
              onChange={onH5}
            />
            <span>{uploading ? '上传中…' : '+ 添加照片'}</span>
          </label>
        ))}
    </View>
  )
}
