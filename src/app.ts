import { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { listenForPrivacyRequests } from '@/components/privacy-sheet/consent'
import './app.scss'

if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV, traceUser: true })
}
listenForPrivacyRequests()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
