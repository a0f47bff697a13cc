import { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { installElderMode } from '@/components/elder-mode'
import { listenForPrivacyRequests } from '@/components/privacy-sheet/consent'
import { useSessionStore } from '@/stores/session.store'
import './app.scss'

// H5-only styles: 长辈模式's (<html> and NutUI's H5 sizes), the title bar's and the picker's; a constant-false branch
// on weapp, so webpack leaves them out.
if (process.env.TARO_ENV === 'h5') {
  require('./elder-h5.scss')
  require('./h5-title-bar.scss')
  require('./h5-picker.scss')
}

if (process.env.TARO_ENV === 'weapp') {
  // Production builds refuse to build without the env id (config/cloud-env.ts); a development build has '' and uses
  // the environment selected in the developer tools.
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
}
listenForPrivacyRequests()
// Before any page registers: every page binds its root font size and class to the mode (elder-mode.ts).
installElderMode()

// H5: ask who this is at once, while the first page's code is still downloading, instead of after that page mounts;
// the page's own load() joins this request (session.store.ts). Every member page needs the answer before its data
// (issue 13: it was one whole round trip in series on the first load). On weapp the page code is local and mounts at
// once, so nothing is gained there.
if (process.env.TARO_ENV === 'h5') void useSessionStore.getState().load()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
