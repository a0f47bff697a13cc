// Pages show errors but never call the cloud, so the message helper is re-exported here, beside the remote-data hooks.
export { messageOf } from '@/services/api-client'
