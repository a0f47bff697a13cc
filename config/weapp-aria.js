// Alt text and control names on weapp (issue 13: "images carry alt text"). WeChat reads `aria-role` and `aria-label` on
// its components to screen readers, base library 2.7.1+ (developers.weixin.qq.com/miniprogram/dev/component/aria-component:
// "aria-role表示组件的角色，当设置为'img'时，读屏模式下聚焦后系统会朗读出'图像'… aria-label表示组件附带的额外信息，
// 聚焦后系统会自动朗读出来"; its example is a view, and both are in its list for non-native components, which <image>
// is). Taro 4.2's weapp templates (dist/base.wxml) bind no aria attribute on any component, so nothing reached WeChat.
//
// This plugin binds the two on Taro's <image> and <view> templates, from the page-data keys `a11yRole` and `a11yLabel`
// (src/components/alt.ts: `altProps` on images, `leafProps` on a view that is one control or one picture). Opt-in keys
// and not the `role`/`aria-label` props many views carry for H5: those sit on containers (dialogs, radio groups) and on
// radio options and tabs whose checked/selected state is not bound here — a container's label may stand in for its
// content in a reader, and a radio read without its state misleads.
//
// How: Taro's template builder asks its `modifyCompProps` hook for each component's attributes before writing the
// template; an attribute added there and not to Taro's attribute table (`internalComponents`) keeps its own camelCase
// name as the data key (`{{i.a11yLabel}}`), which is where the runtime already puts every unlisted prop (hydrate and
// setAttribute). So the runtime needs no change, and the short names of the components' other attributes (p0…,
// numbered from the sorted table) stay as they are. `replacePropName` (the hook the weapp template renames `bind…`
// attributes with) writes the attribute itself as aria-role / aria-label. @tarojs/plugin-inject's `components` option
// (mergeComponents into the template, mergeInternalComponents in the runtime) has no 4.2 release (4.1.11, peers pinned
// to 4.1.11), renumbers every attribute of the component and adds its runtime module to the size-capped main package.
//
// Cost in base.wxml: <image> is not nested in itself, so Taro writes it twice (image, static-image); a view template is
// written at each of 15 nesting levels in three variants that take attributes (view, catch-view, static-view; pure-view
// and click-view are only used for views without such props): 47 tags × 56 bytes = 2632 bytes.
const ATTRS = { 'a11y-role': 'aria-role', 'a11y-label': 'aria-label' }
const COMPONENTS = new Set(['image', 'view'])

/** Taro's attribute table for one component with the aria attributes added ('' = bound to i.<camelCase>). */
function withAria(name, props) {
  if (!COMPONENTS.has(name)) return props
  const out = { ...props }
  for (const a of Object.keys(ATTRS)) out[a] = ''
  return out
}

/** Every <image …> / <view …> tag of a built template that takes attributes, and whether it binds both. */
function ariaTags(wxml) {
  return (wxml.match(/<(image|view) [^>]*>/g) || [])
    .filter((tag) => /hover-class|<image/.test(tag))
    .map((tag) => ({
      tag,
      ok: tag.includes(' aria-role="{{i.a11yRole}}"') && tag.includes(' aria-label="{{i.a11yLabel}}"'),
    }))
}

module.exports = (ctx) => {
  if (process.env.TARO_ENV !== 'weapp') return
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      const template = platform.template
      const modify = template.modifyCompProps
      template.modifyCompProps = (name, props) => withAria(name, modify ? modify.call(template, name, props) : props)
      const rename = template.replacePropName
      template.replacePropName = (name, ...rest) => ATTRS[name] ?? rename.call(template, name, ...rest)
    },
  })
  // A Taro upgrade that stops calling the hooks would silently drop the labels: stop the build instead.
  ctx.modifyBuildAssets(({ assets }) => {
    const base = assets['base.wxml']
    const tags = base ? ariaTags(base.source().toString()) : []
    if (!tags.some((t) => t.tag.startsWith('<image')) || tags.some((t) => !t.ok))
      throw new Error('weapp-aria: base.wxml has an <image> or <view> without aria-role/aria-label bound')
  })
}
module.exports.withAria = withAria
module.exports.ariaTags = ariaTags
