// Alt text on weapp (issue 13: "images carry alt text"). WeChat reads `aria-role` and `aria-label` on its components
// to screen readers, base library 2.7.1+ (developers.weixin.qq.com/miniprogram/dev/component/aria-component:
// "aria-role表示组件的角色，当设置为'img'时，读屏模式下聚焦后系统会朗读出'图像'… aria-label表示组件附带的额外信息，
// 聚焦后系统会自动朗读出来"; both are in its list of labels for non-native components, which <image> is). Taro 4.2's
// weapp templates (dist/base.wxml) bind no aria attribute on any component, so src/components/alt.ts's `ariaLabel`
// reached the page data and stopped there.
//
// This plugin adds the two to Taro's <image> template, and to nothing else. Taro's template builder asks its
// `modifyCompProps` hook for each component's attributes before it writes the template; an attribute added there and
// not to Taro's attribute table (`internalComponents`) keeps its own name, `aria-label="{{i.ariaLabel}}"`, which is
// the key the runtime already puts every unlisted prop under (hydrate and setAttribute: `ariaLabel`). So the runtime
// needs no change and the short names of <image>'s other attributes (p0…p5, numbered from the sorted table) stay as
// they are. @tarojs/plugin-inject's `components` option (its maintained route: mergeComponents into the template and
// mergeInternalComponents in the runtime) has no 4.2 release (4.1.11, peers pinned to 4.1.11), renumbers every <image>
// attribute and adds its runtime module to the size-capped main package.
//
// Cost: <image> is not nested in itself, so Taro writes its template once (tmpl_0_<n>, with events) plus once as
// static-image: 2 × 2 attributes, 112 bytes of base.wxml. Views (the chart, the answer sheet's cells) are not covered:
// Taro repeats the view template at each of 15 nesting levels in three variants that take attributes (view, catch-view,
// static-view), 45 × 29 bytes = 1.3 KiB per attribute, 2.6 KiB for the two, in a main package within bytes of its cap.
const ATTRS = { image: ['aria-role', 'aria-label'] }

/** Taro's attribute table for one component with the aria attributes added ('' = bound to i.<camelCase>). */
function withAria(name, props) {
  const extra = ATTRS[name]
  if (!extra) return props
  const out = { ...props }
  for (const a of extra) out[a] = ''
  return out
}

/** Every <image …> tag of a built template, and whether each binds both attributes. */
function imageTags(wxml) {
  return (wxml.match(/<image [^>]*>/g) || []).map((tag) => ({
    tag,
    ok: tag.includes('aria-role="{{i.ariaRole}}"') && tag.includes('aria-label="{{i.ariaLabel}}"'),
  }))
}

module.exports = (ctx) => {
  if (process.env.TARO_ENV !== 'weapp') return
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      const template = platform.template
      const previous = template.modifyCompProps
      template.modifyCompProps = (name, props) =>
        withAria(name, previous ? previous.call(template, name, props) : props)
    },
  })
  // A Taro upgrade that stops calling the hook would silently drop the alt text: stop the build instead.
  ctx.modifyBuildAssets(({ assets }) => {
    const base = assets['base.wxml']
    const tags = base ? imageTags(base.source().toString()) : []
    if (!tags.length || tags.some((t) => !t.ok))
      throw new Error('weapp-aria: base.wxml has an <image> without aria-role/aria-label, alt text would not reach it')
  })
}
module.exports.withAria = withAria
module.exports.ATTRS = ATTRS
module.exports.imageTags = imageTags
