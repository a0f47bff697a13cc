// Opening documents: on weapp a cloud-storage file goes through wx.cloud.downloadFile by its id (no download domain
// to whitelist); an outside https link through downloadFile; H5 keeps its link. TARO_ENV is fixed at build time, so
// the weapp path gets a stand-in of the platform.
import { openExportedFile, type OpenEnv } from '@/components/open-file'

function weapp() {
  const calls: string[] = []
  const taro = {
    cloud: {
      downloadFile: jest.fn(async (p: { fileID: string }) => {
        calls.push(`cloud.downloadFile ${p.fileID}`)
        return { tempFilePath: 'wxfile://tmp/cloud.pdf', statusCode: 200, errMsg: 'downloadFile:ok' }
      }),
    },
    downloadFile: jest.fn(async (p: { url: string }) => {
      calls.push(`downloadFile ${p.url}`)
      return { tempFilePath: 'wxfile://tmp/link.pdf', statusCode: 200, errMsg: 'downloadFile:ok' }
    }),
    openDocument: jest.fn(async (p: { filePath: string; fileType?: string }) => {
      calls.push(`openDocument ${p.filePath} ${p.fileType}`)
      return { errMsg: 'openDocument:ok' }
    }),
  }
  return { calls, env: { platform: 'weapp', taro } as unknown as OpenEnv }
}

test('weapp opens a cloud-storage file by its cloud id, never by its temporary link', async () => {
  const { calls, env } = weapp()
  await openExportedFile(
    { fileID: 'cloud://env-1.616e/meeting-materials/m1/会议材料.pdf', url: 'https://616e.tcb.qcloud.la/x.pdf?sign=1' },
    '会议材料.PDF',
    env,
  )
  expect(calls).toEqual([
    'cloud.downloadFile cloud://env-1.616e/meeting-materials/m1/会议材料.pdf',
    'openDocument wxfile://tmp/cloud.pdf pdf',
  ])
})

test('weapp opens an export (a cloud file id and a link) by id, as a spreadsheet', async () => {
  const { calls, env } = weapp()
  await openExportedFile(
    { fileID: 'cloud://env-1/exports/roster.xlsx', url: 'https://x/roster.xlsx' },
    '花名册.xlsx',
    env,
  )
  expect(calls[0]).toBe('cloud.downloadFile cloud://env-1/exports/roster.xlsx')
  expect(calls[1]).toBe('openDocument wxfile://tmp/cloud.pdf xlsx')
})

test('weapp opens an outside https link (no cloud id) through downloadFile', async () => {
  const { calls, env } = weapp()
  await openExportedFile({ fileID: null, url: 'https://www.12371.cn/a.pdf' }, 'a.pdf', env)
  expect(calls).toEqual(['downloadFile https://www.12371.cn/a.pdf', 'openDocument wxfile://tmp/link.pdf pdf'])
})

test('a failed download is an error for the page to show, and nothing is opened', async () => {
  const { calls, env } = weapp()
  ;(env.taro.cloud!.downloadFile as jest.Mock).mockResolvedValueOnce({ tempFilePath: '', statusCode: 404 })
  await expect(
    openExportedFile({ fileID: 'cloud://env-1/gone.pdf', url: 'https://x/gone.pdf' }, 'gone.pdf', env),
  ).rejects.toThrow('download 404')
  expect(calls.filter((c) => c.startsWith('openDocument'))).toEqual([])
})

test('H5 keeps its path: a download link under the Chinese file name', async () => {
  const clicked: Array<{ href: string; download: string }> = []
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download })
  })
  await openExportedFile(
    { fileID: 'cloud://env-1/exports/roster.xlsx', url: 'http://localhost/files/roster.xlsx' },
    '花名册.xlsx',
  )
  expect(clicked).toEqual([{ href: 'http://localhost/files/roster.xlsx', download: '花名册.xlsx' }])
  click.mockRestore()
})
