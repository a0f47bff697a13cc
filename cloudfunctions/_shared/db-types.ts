/**
 * The promise forms of the wx-server-sdk database API that the functions use. The SDK's own typings return
 * `Promise | void | string` unions (for its callback style), which would force a cast at every call site.
 */
export type Doc = Record<string, any>

export interface Query {
  where(query: Doc): Query
  orderBy(field: string, order: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(projection: Record<string, boolean>): Query
  get(): Promise<{ data: Doc[] }>
  count(): Promise<{ total: number }>
  update(op: { data: Doc }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface DocRef {
  get(): Promise<{ data: Doc | null }>
  set(op: { data: Doc }): Promise<{ _id?: string; stats: { updated: number; created?: number } }>
  update(op: { data: Doc }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface Aggregate {
  match(q: Doc): Aggregate
  group(g: Doc): Aggregate
  sort(s: Record<string, 1 | -1>): Aggregate
  project(p: Doc): Aggregate
  addFields(p: Doc): Aggregate
  lookup(l: Doc): Aggregate
  unwind(u: string | Doc): Aggregate
  count(field: string): Aggregate
  skip(n: number): Aggregate
  limit(n: number): Aggregate
  end(): Promise<{ list: Doc[] }>
}

export interface Collection extends Query {
  doc(id: string): DocRef
  /** An array adds many documents in one request (server SDK only). */
  add(op: { data: Doc | Doc[] }): Promise<{ _id: string }>
  aggregate(): Aggregate
}

export interface Tx {
  collection(name: string): { doc(id: string): DocRef }
}

export interface Db {
  command: any
  serverDate(opts?: { offset?: number }): unknown
  RegExp(opts: { regexp: string; options?: string }): unknown
  collection(name: string): Collection
  runTransaction<T>(fn: (t: Tx) => Promise<T>, times?: number): Promise<T>
}
