import { createHash } from 'crypto'

/** A member's id is derived from the phone number, so importing the same person twice lands on one document. */
export function memberIdFor(phone: string): string {
  return `m_${createHash('sha256').update(`member:${phone}`).digest('hex').slice(0, 16)}`
}
