import Taro from '@tarojs/taro'

/** A file the cloud gave us: its cloud id when it lives in cloud storage, and a link to show (temporary or https). */
export interface FileRef {
  fileID?: string | null
  url: string
}

/** What opening needs from the platform; the tests hand in a weapp stand-in (TARO_ENV is fixed at build time). */
export interface OpenEnv {
  platform: string | undefined
  taro: Pick<typeof Taro, 'downloadFile' | 'openDocument'> & { cloud?: Pick<typeof Taro.cloud, 'downloadFile'> }
}

const here = (): OpenEnv => ({ platform: process.env.TARO_ENV, taro: Taro })

const isCloudId = (id: string | null | undefined): id is string => !!id && id.startsWith('cloud://')

/**
 * The file on the phone. A cloud:// file is fetched with `wx.cloud.downloadFile({ fileID })`, which needs no
 * download domain in the mini-program's whitelist (its temporary https link would: 下载文件 domains must be listed
 * under 开发管理 → 服务器域名, and the storage domain is not); only an outside https link goes through downloadFile.
 */
async function download(file: FileRef, env: OpenEnv): Promise<string> {
  if (isCloudId(file.fileID) && env.taro.cloud) {
    const res = await env.taro.cloud.downloadFile({ fileID: file.fileID })
    if (res.statusCode && res.statusCode !== 200) throw new Error(`download ${res.statusCode}`)
    return res.tempFilePath
  }
  const res = await env.taro.downloadFile({ url: file.url })
  if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`)
  return res.tempFilePath
}

/**
 * Opens a document for the user (an export, a meeting's material, a study PDF). weapp: download it (by cloud id when
 * it has one), then `openDocument` with the menu so it can be forwarded or saved. H5: an <a download> on the link,
 * which the browser saves under the file's Chinese name.
 */
export async function openExportedFile(file: FileRef, fileName: string, env: OpenEnv = here()): Promise<void> {
  if (env.platform === 'weapp') {
    const filePath = await download(file, env)
    const fileType = (fileName.split('.').pop() || 'xlsx').toLowerCase() as keyof Taro.openDocument.FileType
    await env.taro.openDocument({ filePath, fileType, showMenu: true })
    return
  }
  const a = document.createElement('a')
  a.href = file.url
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}
