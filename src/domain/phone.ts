/** Mainland mobile numbers: 11 digits starting with 1. */
export const MOBILE_PATTERN = /^1\d{10}$/

/** Strips spaces, dashes and a +86 prefix people paste in with numbers. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s\-()（）]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')
  return digits
}

/** `138****1234`: how a phone number appears anywhere a full number is not needed. */
export function maskPhone(phone: string): string {
  if (!MOBILE_PATTERN.test(phone)) return phone ? '****' : ''
  return `${phone.slice(0, 3)}****${phone.slice(7)}`
}

/** The last four digits, which a member types to prove who they are when binding. */
export function phoneTail(phone: string): string {
  return phone.slice(-4)
}
