// The screen shells and small UI kit every screen is built from. Light on purpose: the tab pages use it, and they
// live in the weapp main package.
export { KitButton, type KitButtonProps } from './button'
export { EmptyState, ErrorState, LoadingSkeleton, isRefusal } from './screen-state'
export { ListScreen, type ListScreenProps } from './list-screen'
export { DetailScreen, type DetailScreenProps } from './detail-screen'
// FormCard and FormScreen (./form-screen) are imported by their module: only subpackage screens use them, and through
// this barrel (in the main package, 350 KiB budget) they would ship with every tab page.
export { Tabs, Chips, type Option } from './tabs'
export { StatusTag, type Tone } from './status-tag'
export { useConfirm, type ConfirmOptions } from './use-confirm'
export { InfoList, type InfoRow } from './info-list'
