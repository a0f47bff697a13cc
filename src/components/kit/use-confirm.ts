import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { tokens } from './tokens'

export interface ConfirmOptions {
  title: string
  content: string
  confirmText?: string
  cancelText?: string
  /** A destructive action (撤回, 解绑) shows its button in the warning red. */
  danger?: boolean
}

/** `await confirm({...})` → true when the member chose to go ahead. The native modal on weapp and H5. */
export function useConfirm() {
  return useCallback(async (o: ConfirmOptions) => {
    const { confirm } = await Taro.showModal({
      title: o.title,
      content: o.content,
      confirmText: o.confirmText ?? '确定',
      cancelText: o.cancelText ?? '取消',
      confirmColor: o.danger ? tokens.danger : tokens.primary,
    })
    return confirm
  }, [])
}
