// The NutUI components this app uses, each with only its own stylesheet (the full style.css is ~230 KB).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'

export { Button, Cell, CellGroup, Skeleton, Tag } from '@nutui/nutui-react-taro'
