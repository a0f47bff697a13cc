// `@tarojs/components` in component tests: what the H5 build renders (config/index.ts, h5.useHtmlComponents) —
// plain elements for View, Text, Image, Input, ScrollView, Button, Picker from @tarojs/components-react, the rest
// (Textarea, Switch, Video, RichText…) from Taro's web-component library, as its package index does. Not that index
// itself: its Button and Picker import View from '@tarojs/components', which the build aliases back to the same
// package; in jest that cycle left View undefined while the index loaded. Here View is in place before they load.
const components = { ...require('@tarojs/components/lib/react') }
module.exports = components
const plain = (name) => require(`@tarojs/components-react/dist/components/${name}/index.js`)
Object.assign(components, {
  View: plain('view').default,
  Text: plain('text').default,
  Image: plain('image').default,
  Input: plain('input').default,
  ScrollView: plain('scroll-view').default,
  Icon: plain('icon').default,
})
Object.assign(components, {
  Button: plain('button').default,
  Picker: plain('picker').default,
  Refresher: plain('refresher').default,
  PullDownRefresh: plain('pull-down-refresh').default,
})
