// Modules without bundled typings: only the calls the project makes are declared.
declare module 'qrcode' {
  export function toBuffer(text: string, opts?: { type?: 'png'; width?: number; margin?: number }): Promise<Buffer>
  export function toDataURL(text: string, opts?: { width?: number; margin?: number }): Promise<string>
}
