// Shared by the scripts that generate a README table from a TypeScript module of src/contract: bundles the module with
// esbuild, builds the table from its exports, and prints it or (--write) puts it between `<!-- NAME:start -->` and
// `<!-- NAME:end -->` in README.md.
const esbuild = require('esbuild')
const fs = require('fs')
const path = require('path')

function readmeTable(name, entry, tableOf) {
  const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false })
  const mod = { exports: {} }
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, require)
  const table = tableOf(mod.exports).join('\n')
  if (!process.argv.includes('--write')) return console.log(table)
  const readme = path.join(__dirname, '..', 'README.md')
  const marked = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`)
  const text = fs.readFileSync(readme, 'utf8')
  fs.writeFileSync(readme, text.replace(marked, `<!-- ${name}:start -->\n${table}\n<!-- ${name}:end -->`))
  console.log(`README.md ${name} updated`)
}

module.exports = { readmeTable }
