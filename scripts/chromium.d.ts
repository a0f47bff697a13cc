export const CHROMIUM_PATH: string
export const CHROMIUM_ARGS: readonly string[]
export function chromiumOptions(extraArgs?: string[]): { executablePath: string; args: string[] }
