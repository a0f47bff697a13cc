import type { TimerTrigger } from './manifest'

/**
 * Every network call the deploy makes, as one small interface: manager-cloud.ts implements it over
 * @cloudbase/manager-node, the tests replace it with a recording stand-in. Read calls come first in each step so a
 * re-run compares and changes nothing that is already right.
 */
export interface CloudApi {
  /** null when the function does not exist yet. */
  getFunction(name: string): Promise<DeployedFunction | null>
  createFunction(fn: FunctionDeploy): Promise<void>
  updateFunctionCode(fn: FunctionDeploy): Promise<void>
  /** Timeout, memory, description and the complete set of environment variables (CloudBase replaces them all). */
  updateFunctionConfig(fn: FunctionDeploy): Promise<void>
  createTriggers(name: string, triggers: TimerTrigger[]): Promise<void>
  deleteTrigger(name: string, triggerName: string): Promise<void>

  listCollections(): Promise<string[]>
  createCollection(name: string): Promise<void>
  getIndexes(collection: string): Promise<DeployedIndex[]>
  /** Drops (by name) then creates, in one UpdateTable call. */
  updateIndexes(collection: string, change: { drop: string[]; create: DeployedIndex[] }): Promise<void>
  getCollectionAcl(collection: string): Promise<string>
  setCollectionAcl(collection: string, aclTag: string): Promise<void>

  getStorageRule(): Promise<StorageRule>
  setStorageRule(rule: StorageRule): Promise<void>

  invokeFunction(name: string, event: unknown): Promise<unknown>
}

export interface DeployedFunction {
  runtime: string
  handler: string
  timeout: number
  memorySize: number
  description: string
  env: Record<string, string>
  triggers: TimerTrigger[]
}

export interface FunctionDeploy {
  name: string
  /** Absolute path of the built bundle (build/cloudfunctions/<name>). */
  dir: string
  runtime: string
  handler: string
  installDependency: boolean
  timeout: number
  memorySize: number
  /** The manifest's description plus the bundle's hash: how a re-run knows the code is already there. */
  description: string
  env: Record<string, string>
  triggers: TimerTrigger[]
}

export interface DeployedIndex {
  name: string
  keys: Array<[field: string, direction: 1 | -1]>
  unique: boolean
}

export interface StorageRule {
  acl: string
  rule?: { read: boolean | string; write: boolean | string }
}
