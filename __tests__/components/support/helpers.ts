import { fireEvent, waitFor } from '@testing-library/react'
import type { Me, MemberView } from '@/contract'

/**
 * Types into a Taro <Input id=…> (the H5 build renders a plain <input id=…>, h5.useHtmlComponents), or into the one
 * input inside the element with that id (a card carrying the page's id, as activity check-in's paste field).
 */
export async function typeInto(container: HTMLElement, id: string, value: string) {
  const input = await waitFor(() => {
    const el = container.querySelector(`input#${id}, #${id} input`) as HTMLInputElement | null
    if (!el) throw new Error(`input #${id} not rendered yet`)
    return el
  })
  fireEvent.input(input, { target: { value } })
}

export function member(over: Partial<MemberView> = {}): MemberView {
  return {
    id: 'm1',
    name: '张三',
    phoneMasked: '138****1234',
    branchId: 'b1',
    branchName: '第一党支部',
    groupId: null,
    groupName: null,
    role: 'member',
    title: null,
    bindStatus: 'bound',
    unbindRequested: false,
    post: null,
    status: 'active',
    leftReason: null,
    leftAt: null,
    ...over,
  }
}

export function me(over: Partial<Me> = {}): Me {
  return { member: member(), pending: null, committeeName: '某某局机关党委', ...over }
}

/** Types into a Taro <Textarea id=…> (a custom element around a real <textarea>, drawn asynchronously). */
export async function typeIntoTextarea(container: HTMLElement, id: string, value: string) {
  const el = await waitFor(() => {
    const t = container.querySelector(`#${id} textarea`) as HTMLTextAreaElement | null
    if (!t) throw new Error(`#${id} textarea not rendered yet`)
    return t
  })
  fireEvent.input(el, { target: { value } })
}
