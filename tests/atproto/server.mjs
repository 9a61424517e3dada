// A real AT Protocol server (PLC + PDS, no AppView) on loopback for cmplanner's tests.
//
//   node tests/atproto/server.mjs STATE_FILE [--exit-with-stdin] [--appview]
//
// Starts @atproto/dev-env's TestNetworkNoAppView on 127.0.0.1 only, creates two fresh
// accounts with app passwords, writes what the tests need (URLs, handles, DIDs, passwords,
// the dev JWT secret) as JSON to STATE_FILE (or $ATPROTO_STATE_FILE), then prints READY.
// SIGTERM / SIGINT (or, with --exit-with-stdin, the parent closing our stdin) stops it.
//
// Ports: $ATPROTO_PLC_PORT (2582) and $ATPROTO_PDS_PORT (2583). SQLite files and blobs go
// to os.tmpdir(): run it with TMPDIR pointing into the test's own folder.
//
// With --appview it starts TestNetwork instead: the same PLC and PDS plus the Bluesky
// AppView (and the Ozone moderation service it needs), which index what the PDS writes, so
// app.bsky.* queries (getPosts counts, getProfile, listNotifications) answer. It needs
// PostgreSQL: $DB_POSTGRES_URL (a database the AppView may fill; its schemas are
// appview_<schema> and ozone_<schema>, <schema> from $DB_POSTGRES_SCHEMA, default
// "cmplanner"). $REDIS_HOST must be set for dev-env but is never used (set here when
// missing). AppView and Ozone ports: $ATPROTO_BSKY_PORT (2584), $ATPROTO_OZONE_PORT (2587).
// The state file then also has appview_url and appview_did.
import { writeFileSync, renameSync } from 'node:fs'
import net from 'node:net'
import { createRequire } from 'node:module'

// The servers call listen(port) with no host, i.e. on every interface: keep them on
// loopback by adding the host whenever none is given.
const origListen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    if (args.length === 1 || typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1')
  } else if (args[0] && typeof args[0] === 'object' && !args[0].path && !args[0].host) {
    args[0] = { ...args[0], host: '127.0.0.1' }
  }
  return origListen.apply(this, args)
}

// Quiet unless asked: the PDS logs every request through pino.
process.env.LOG_ENABLED ??= 'false'

const require = createRequire(import.meta.url)
const { TestNetwork, TestNetworkNoAppView } = require('@atproto/dev-env')
const { JWT_SECRET, ADMIN_PASSWORD } = require('@atproto/dev-env/dist/const')

const args = process.argv.slice(2)
const stateFile = args.find((a) => !a.startsWith('--')) ?? process.env.ATPROTO_STATE_FILE
if (!stateFile) {
  console.error('usage: node server.mjs STATE_FILE [--exit-with-stdin]')
  process.exit(2)
}
const plcPort = Number(process.env.ATPROTO_PLC_PORT ?? 2582)
const pdsPort = Number(process.env.ATPROTO_PDS_PORT ?? 2583)
const withAppView = args.includes('--appview')
const bskyPort = Number(process.env.ATPROTO_BSKY_PORT ?? 2584)
const ozonePort = Number(process.env.ATPROTO_OZONE_PORT ?? 2587)
if (withAppView) {
  if (!process.env.DB_POSTGRES_URL) {
    console.error('--appview needs DB_POSTGRES_URL (a PostgreSQL database for the AppView)')
    process.exit(2)
  }
  process.env.REDIS_HOST ??= '127.0.0.1:9' // required by dev-env, never used
}

let network
let stopping = false
async function stop(code) {
  if (stopping) return
  stopping = true
  try {
    if (network) await network.close()
  } catch (err) {
    console.error('error while stopping:', err)
    code = code || 1
  }
  process.exit(code)
}
process.on('SIGTERM', () => stop(0))
process.on('SIGINT', () => stop(0))
if (args.includes('--exit-with-stdin')) {
  process.stdin.on('end', () => stop(0))
  process.stdin.on('error', () => stop(0))
  process.stdin.resume()
}

async function makeAccount(agent, name) {
  const handle = `${name}.test`
  const password = `${name}-main-password`
  const { data } = await agent.com.atproto.server.createAccount({
    handle,
    email: `${name}@example.test`,
    password,
  })
  // A fresh agent logged in as this account makes its app password.
  const { AtpAgent } = require('@atproto/api')
  const own = new AtpAgent({ service: network.pds.url })
  await own.login({ identifier: handle, password })
  const { data: app } = await own.com.atproto.server.createAppPassword({ name: 'cmplanner-tests' })
  return { name, handle, did: data.did, password, app_password: app.password }
}

try {
  if (withAppView) {
    const appviewUrl = `http://localhost:${bskyPort}`
    network = await TestNetwork.create({
      dbPostgresUrl: process.env.DB_POSTGRES_URL,
      dbPostgresSchema: process.env.DB_POSTGRES_SCHEMA ?? 'cmplanner',
      plc: { port: plcPort },
      pds: { port: pdsPort, hostname: 'localhost' },
      // image and avatar URLs the AppView hands out resolve on loopback
      bsky: { port: bskyPort, publicUrl: appviewUrl },
      ozone: { port: ozonePort },
    })
  } else {
    network = await TestNetworkNoAppView.create({
      plc: { port: plcPort },
      pds: { port: pdsPort, hostname: 'localhost' },
    })
  }
  const agent = network.pds.getClient()
  const accounts = [await makeAccount(agent, 'alice'), await makeAccount(agent, 'bob')]
  // the AppView knows both accounts (profiles, handles) before any test asks it
  if (withAppView) await network.processAll()
  const state = {
    pds_url: `http://127.0.0.1:${network.pds.port}`,
    plc_url: `http://127.0.0.1:${network.plc.port}`,
    service_did: network.pds.ctx.cfg.service.did,
    jwt_secret: JWT_SECRET,
    admin_password: ADMIN_PASSWORD,
    accounts,
    pid: process.pid,
  }
  if (withAppView) {
    state.appview_url = `http://127.0.0.1:${network.bsky.port}`
    state.appview_did = network.bsky.ctx.cfg.serverDid
  }
  const tmp = `${stateFile}.tmp`
  writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 })
  renameSync(tmp, stateFile)
  console.log('READY')
} catch (err) {
  console.error('atproto test server failed to start:', err)
  await stop(1)
}
