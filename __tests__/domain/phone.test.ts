import { maskPhone, normalisePhone, phoneTail } from '@/domain/phone'

describe('phone numbers', () => {
  it('shows only the first three and last four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
  })
  it('never shows a malformed number in full', () => {
    expect(maskPhone('12345')).toBe('****')
    expect(maskPhone('')).toBe('')
  })
  it('accepts numbers pasted with spaces, dashes or +86', () => {
    expect(normalisePhone('+86 138-1234-1234')).toBe('13812341234')
    expect(normalisePhone('138 1234 1234')).toBe('13812341234')
  })
  it('takes the last four digits for binding', () => {
    expect(phoneTail('13812345678')).toBe('5678')
  })
})
