// The NutUI components this app uses, imported one by one with only their own stylesheets: the package root
// re-exports every component and its full style.css is ~230 KB.
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css'
// After NutUI's button stylesheet: its secondary button in the app's colours.
import './nut-button.scss'

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button'
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell'
export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup'
export { default as Skeleton } from '@nutui/nutui-react-taro/dist/es/packages/skeleton'
