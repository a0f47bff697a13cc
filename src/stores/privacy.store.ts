import { create } from 'zustand'

export type WxPrivacyResolve = (r: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void

interface PrivacyState {
  /** The consent sheet is showing. */
  open: boolean
  /** What the user is about to do (shown in the sheet), e.g. 绑定党员身份. */
  purpose: string
  /** On weapp: WeChat's resolve from onNeedPrivacyAuthorization; the pending privacy API waits for it. */
  wxResolve: WxPrivacyResolve | null
  /** Callers of ask() waiting for the decision. */
  waiting: Array<(agreed: boolean) => void>
  /** Shows the sheet and answers with the user's decision. */
  ask(purpose: string, wxResolve?: WxPrivacyResolve): Promise<boolean>
  decide(agreed: boolean, buttonId?: string): void
}

/** The privacy consent sheet's state, one per app (the sheet on the current page renders it). */
export const usePrivacyStore = create<PrivacyState>()((set, get) => ({
  open: false,
  purpose: '',
  wxResolve: null,
  waiting: [],
  ask(purpose, wxResolve) {
    return new Promise<boolean>((resolve) => {
      set((s) => ({
        open: true,
        purpose: purpose || s.purpose,
        wxResolve: wxResolve ?? s.wxResolve,
        waiting: [...s.waiting, resolve],
      }))
    })
  },
  decide(agreed, buttonId) {
    const { wxResolve, waiting } = get()
    set({ open: false, wxResolve: null, waiting: [] })
    wxResolve?.(agreed ? { event: 'agree', buttonId } : { event: 'disagree' })
    for (const w of waiting) w(agreed)
  },
}))
