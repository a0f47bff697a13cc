import fs from 'fs'
import path from 'path'
import { dropAll, listCollections } from './db'
import { createCollections } from './deploy'
import { invoke, loadFunctions, timerTriggers } from './functions'
import { createGateway } from './gateway'
import { paths } from './paths'
import { createLocalCloud } from './sdk'
import { useLocalSecrets } from './secrets'
import { seedDemo } from './seed'

/** `npm start` / `npm run reset`: the local cloud on an embedded SQLite file, seeded with the demo organisation. */
async function main() {
  const args = process.argv.slice(2)
  const reset = args.includes('--reset')
  const serve = !args.includes('--no-serve')
  const port = Number(process.env.PORT ?? 8787)
  const host = process.env.HOST ?? '127.0.0.1'

  fs.mkdirSync(paths.data, { recursive: true })
  useLocalSecrets(paths.data)
  const cloud = createLocalCloud({
    dbFile: path.join(paths.data, 'cloud.sqlite'),
    storageDir: path.join(paths.data, 'storage'),
    baseUrl: `http://${host}:${port}`,
  })
  if (reset) dropAll(cloud.store)
  const fresh = reset || !listCollections(cloud.store).includes('orgs')
  await createCollections(cloud.db())
  if (fresh) {
    const upload = (cloudPath: string, content: Buffer) => cloud.storage.upload(cloudPath, content)
    const { orgs, members, meetings, questions, articles, activities } = await seedDemo(cloud.db(), new Date(), {
      meetings: process.env.SEED_MEETINGS !== '0',
      upload,
    })
    console.log(
      `已写入演示数据：${orgs} 个组织、${members} 名党员、${meetings} 场会议、${questions} 道试题、${articles} 篇学习资料、${activities} 项活动（${path.join(paths.data, 'cloud.sqlite')}）`,
    )
  }
  if (!serve) {
    cloud.close()
    return
  }
  const functions = loadFunctions(cloud.sdk)
  const server = createGateway({ cloud, functions, h5Dir: paths.h5, secret: process.env.DEV_SESSION_SECRET })
  server.listen(port, host, () => {
    console.log(`本地云已启动：http://${host}:${port}/  （云函数：${[...functions.keys()].join('、')}）`)
    console.log('在浏览器中打开上面的地址，从“开发登录”页选择一位演示党员进入。按 Ctrl+C 停止。')
  })
  // Timer triggers: every minute locally (production follows each trigger's cron), with no caller, as WeChat runs them.
  const timers = timerTriggers().map((t) =>
    setInterval(() => {
      invoke(functions, t.fn, { Type: 'Timer', TriggerName: t.name }, '').catch((err) =>
        console.error(`[timer ${t.fn}.${t.name}]`, err),
      )
    }, 60_000),
  )
  const stop = () =>
    server.close(() => {
      timers.forEach(clearInterval)
      cloud.close()
      process.exit(0)
    })
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
