/** The code inside a scan: a printed 小程序码 arrives as the page path with its `scene`; a rotating code as text. */
export function tokenFromScan(res: { result?: string; path?: string }): string {
  const scene = res.path && /[?&]scene=([^&]+)/.exec(res.path)
  if (scene) return decodeURIComponent(scene[1])
  return (res.result ?? '').trim()
}
