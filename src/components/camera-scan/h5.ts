import type * as Camera from './index'

// Never rendered: canScanWithCamera() is false, so no page shows the view.
const none: typeof Camera = {
  canScanWithCamera: () => false,
  CameraScan: (() => null) as unknown as typeof Camera.CameraScan,
}

/**
 * The camera scanner where there is one to use: the H5 build's module, or on weapp a stand-in that never offers it.
 * The condition is a build-time constant, so the weapp build drops the require and neither the meeting nor the
 * activity subpackage carries the video view or its decoder (weapp scans with wx.scanCode).
 */
export function h5Camera(): typeof Camera {
  return process.env.TARO_ENV === 'h5' ? (require('./index') as typeof Camera) : none
}
