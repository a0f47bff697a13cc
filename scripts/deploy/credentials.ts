/** Credentials: a CloudBase/Tencent Cloud API key pair, from the environment only (never a file in the repository). */
export const CREDENTIAL_VARS = {
  id: 'TENCENTCLOUD_SECRETID',
  key: 'TENCENTCLOUD_SECRETKEY',
  token: 'TENCENTCLOUD_SESSIONTOKEN',
} as const
