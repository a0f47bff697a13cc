import { formatChina, greeting } from '@/domain/china-format'
import { china, formatDateTime } from '@/domain/time'

test('formats in China time exactly as the dayjs-based helpers do, across the date line and a year end', () => {
  for (const at of ['2026-07-01T01:30:00.000Z', '2026-12-31T16:05:00.000Z', '2027-02-28T23:59:00.000Z']) {
    expect(formatChina(at, 'YYYY-MM-DD HH:mm')).toBe(formatDateTime(at))
    expect(formatChina(at, 'MM-DD')).toBe(china(at).format('MM-DD'))
  }
})

test('the greeting follows the China-time hour, not the machine time zone', () => {
  expect(greeting('2026-07-01T01:00:00.000Z')).toBe('上午好') // 09:00 in China
  expect(greeting('2026-07-01T04:30:00.000Z')).toBe('中午好') // 12:30
  expect(greeting('2026-07-01T12:00:00.000Z')).toBe('晚上好') // 20:00
})
