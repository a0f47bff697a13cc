// Its own module so the consent sheet (main package) takes the title without the whole guide text, which only the
// 隐私政策 page (a subpackage) shows.
export const PRIVACY_GUIDE_TITLE = '机关党建隐私保护指引'
