#!/usr/bin/env node
// Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the H5 build (dist-h5/: js, css, html, svg,
// json) that is worth compressing, for the local gateway to send as they are (emulator/static-h5.ts). Done once per
// build at the highest levels, which would be too slow per request. Run by `npm run build:h5`, `npm start` and the
// browser tests after each H5 build; prints what it saved.
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

const root = path.resolve(__dirname, '..')
const dir = path.resolve(root, process.argv[2] || 'dist-h5')
const TEXT = /\.(js|css|html|svg|json)$/i
// Below this a compressed body plus its header saves nothing worth a second file.
const MIN_BYTES = 1024

function* files(d) {
  for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, entry.name)
    if (entry.isDirectory()) yield* files(p)
    else if (TEXT.test(entry.name)) yield p
  }
}

function main() {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`precompress: ${dir} has no index.html (build the H5 app first)`)
    process.exit(1)
  }
  let raw = 0
  let br = 0
  let gz = 0
  let count = 0
  for (const file of files(dir)) {
    const body = fs.readFileSync(file)
    if (body.length < MIN_BYTES) continue
    const brotli = zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    })
    const gzip = zlib.gzipSync(body, { level: zlib.constants.Z_BEST_COMPRESSION })
    fs.writeFileSync(`${file}.br`, brotli)
    fs.writeFileSync(`${file}.gz`, gzip)
    raw += body.length
    br += brotli.length
    gz += gzip.length
    count++
  }
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`
  console.log(`precompress: ${count} files, ${kib(raw)} → brotli ${kib(br)}, gzip ${kib(gz)}`)
}

main()
