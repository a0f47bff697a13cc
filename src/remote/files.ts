// Uploads go through the same door as every call: pages import them from the remote layer, never from services/.
export { uploadFile, type LocalFile } from '@/services/api-client'
