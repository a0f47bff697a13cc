import Taro from '@tarojs/taro'

/**
 * Opens an exported file for the user. weapp: download it, then `openDocument` with the menu so it can be forwarded
 * or saved. H5: an <a download> on the same-origin link, which the browser saves under the file's Chinese name.
 */
export async function openExportedFile(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.downloadFile({ url })
    if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`)
    const fileType = (fileName.split('.').pop() || 'xlsx') as keyof Taro.openDocument.FileType
    await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true })
    return
  }
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}
