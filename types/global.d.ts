/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | undefined
    TARO_APP_ID: string
    /** WeChat Cloud environment id, set for the weapp build (see README). */
    TARO_APP_CLOUD_ENV: string
  }
}
