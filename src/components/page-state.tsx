// The page states moved into the kit (without NutUI's Skeleton and Button, which weighed on the main package);
// this name stays for the screens not yet on the shells.
export { EmptyState, ErrorState, LoadingSkeleton, isRefusal } from './kit/screen-state'
