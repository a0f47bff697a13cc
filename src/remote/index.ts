// The remote-data layer: pages read and write the cloud only through these.
export { useProcedure, usePullToRefresh, type Remote, type RemoteOptions } from './use-procedure'
export { usePagedProcedure, type Paged } from './use-paged'
export { useMutation, type Mutation } from './use-mutation'
export { invalidate, clearAll } from './cache'
export { messageOf } from './messages'
export type { ApiError } from '@/services/api-client'
export { uploadFile, type LocalFile } from './files'
