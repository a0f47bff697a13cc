// The H5 side of the one door to the cloud: what goes over HTTP and what a page gets back.
import { ERRORS } from '@/contract/errors'
import { ApiError, call, uploadFile } from '@/services/api-client'

const fetchMock = jest.fn()
beforeEach(() => {
  fetchMock.mockReset()
  globalThis.fetch = fetchMock as unknown as typeof fetch
})

const answer = (body: unknown) => ({ json: async () => body }) as Response

test('a procedure is posted to its function with the action and input, and its data comes back', async () => {
  fetchMock.mockResolvedValueOnce(
    answer({ ok: true, data: { member: null, pending: null, committeeName: '机关党委' } }),
  )
  const me = await call('member.whoami', {})

  expect(me.committeeName).toBe('机关党委')
  const [url, init] = fetchMock.mock.calls[0]
  expect(url).toBe('/cloud/functions/member')
  expect(init).toMatchObject({ method: 'POST', credentials: 'include' })
  expect(JSON.parse(init.body)).toEqual({ action: 'whoami', input: {} })
})

test('an error envelope becomes an ApiError with the cloud’s code, Chinese message and details', async () => {
  const details = [{ row: 2, path: '手机号', message: '手机号不能为空' }]
  fetchMock.mockResolvedValueOnce(
    answer({ ok: false, error: { code: 'IMPORT_INVALID', message: ERRORS.IMPORT_INVALID, details } }),
  )

  const err = await call('member.import', { fileID: 'x' }).catch((e) => e)
  expect(err).toBeInstanceOf(ApiError)
  expect(err).toMatchObject({ code: 'IMPORT_INVALID', message: ERRORS.IMPORT_INVALID, details })
})

test('no connection, or an answer that is not JSON, is a NETWORK error in Chinese', async () => {
  fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
  await expect(call('member.whoami', {})).rejects.toMatchObject({ code: 'NETWORK', message: ERRORS.NETWORK })

  fetchMock.mockResolvedValueOnce({
    json: async () => Promise.reject(new SyntaxError('Unexpected token <')),
  } as unknown as Response)
  await expect(call('member.whoami', {})).rejects.toMatchObject({ code: 'NETWORK' })
})

test('an upload posts the file bytes to the storage endpoint and returns the fileID', async () => {
  fetchMock.mockResolvedValueOnce(answer({ fileID: 'cloud://local/imports/a.csv' }))
  const file = new Blob(['姓名\n'], { type: 'text/csv' })

  await expect(uploadFile(file, 'imports/a b.csv')).resolves.toBe('cloud://local/imports/a.csv')
  const [url, init] = fetchMock.mock.calls[0]
  expect(url).toBe('/cloud/storage/upload?cloudPath=imports%2Fa%20b.csv')
  expect(init.body).toBe(file)
})
