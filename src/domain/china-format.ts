// China-time formatting without dayjs: the tab pages (weapp main package, 350 KiB budget) show a greeting and a few
// dates, and dayjs with its UTC plugin is ~9 KB there. Fixed +08:00 (China has no daylight saving), as time.ts.

const OFFSET_MS = 8 * 60 * 60 * 1000

export interface ChinaFields {
  year: number
  /** 1–12 */
  month: number
  day: number
  hour: number
  minute: number
  /** 0 = Sunday */
  weekday: number
}

/** The calendar fields of an instant in China time. */
export function chinaFields(at: Date | string | number): ChinaFields {
  const d = new Date(new Date(at).getTime() + OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  }
}

const pad = (n: number) => (n < 10 ? '0' : '') + n

/** Formats in China time with the tokens YYYY MM DD HH mm (dayjs's meaning), e.g. `MM-DD HH:mm`. */
export function formatChina(at: Date | string | number, pattern: string): string {
  const f = chinaFields(at)
  return pattern.replace(/YYYY|MM|DD|HH|mm/g, (t) =>
    t === 'YYYY'
      ? String(f.year)
      : t === 'MM'
        ? pad(f.month)
        : t === 'DD'
          ? pad(f.day)
          : t === 'HH'
            ? pad(f.hour)
            : pad(f.minute),
  )
}

/** 上午好 / 下午好 / 晚上好 for the China-time hour of `at`. */
export function greeting(at: Date | string | number): string {
  const h = chinaFields(at).hour
  if (h < 5) return '夜深了'
  if (h < 11) return '上午好'
  if (h < 13) return '中午好'
  if (h < 18) return '下午好'
  return '晚上好'
}
