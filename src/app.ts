import { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { installElderMode } from '@/components/elder-mode'
import { listenForPrivacyRequests } from '@/components/privacy-sheet/consent'
import './app.scss'

// 长辈模式's H5 rules (<html> and NutUI's H5 sizes); a constant-false branch on weapp, so webpack leaves them out.
if (process.env.TARO_ENV === 'h5') require('./elder-h5.scss')

if (process.env.TARO_ENV === 'weapp') {
  // Production builds refuse to build without the env id (config/cloud-env.ts); a development build has '' and uses
  // the environment selected in the developer tools.
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
}
listenForPrivacyRequests()
// Before any page registers: every page binds its root font size and class to the mode (elder-mode.ts).
installElderMode()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
