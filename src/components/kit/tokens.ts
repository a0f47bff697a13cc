// The few theme colours script needs (native modals take a colour string); the rest live in theme.scss.
export const tokens = {
  primary: '#c8102e',
  danger: '#c8102e',
} as const
