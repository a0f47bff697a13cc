import { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { installElderMode } from '@/components/elder-mode'
import { listenForPrivacyRequests } from '@/components/privacy-sheet/consent'
import './app.scss'

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
