// Types of manifest.js (plain CommonJS so the build scripts run it without a compile step).

export interface TimerTrigger {
  name: string
  type: 'timer'
  config: string
}

export interface FunctionSpec {
  name: string
  description: string
  runtime: string
  handler: string
  installDependency: boolean
  /** Seconds (CloudBase: 1–60). */
  timeout: number
  memorySize: number
  /** Variable names and the .env.cloud name each takes its value from. */
  envVariables: Array<{ name: string; from: string }>
  triggers: TimerTrigger[]
  openapi: string[]
}

export interface Manifest {
  envIdRef: string
  /** Absolute path of the built bundles (functionRoot). */
  functionRoot: string
  functions: FunctionSpec[]
}

export const MANIFEST: string
export const ENV_FILE: string
export function loadManifest(file?: string): Manifest
export function functionSpec(name: string, manifest?: Manifest): FunctionSpec
export function bundleConfig(
  name: string,
  manifest?: Manifest,
): { permissions: { openapi: string[] }; triggers?: TimerTrigger[] }
export function functionTimeouts(manifest?: Manifest): Record<string, number>
export function readEnvFile(file?: string): Record<string, string>
export function resolveEnvVariables(
  spec: FunctionSpec,
  values?: Record<string, string | undefined>,
): { set: Record<string, string>; missing: string[] }
