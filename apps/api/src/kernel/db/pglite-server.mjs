// Embedded PostgreSQL (PGlite) in its own process, so queries never block the API's event loop.
// Plain JavaScript on purpose: it is forked without any TypeScript loader.
//
// Started by embedded.ts through child_process.fork with an IPC channel:
//   argv: --data-dir DIR | --memory, [--load-dump FILE], --socket PATH
//   IPC out: { type: 'ready', socket } | { type: 'error', code, message }
//   IPC in:  { type: 'dump', file } -> { type: 'dumped' } ; { type: 'stop' }
// It exits when its parent goes away (the IPC channel disconnects).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = arg('--data-dir');
const memory = process.argv.includes('--memory');
const loadDump = arg('--load-dump');
const socketPath = arg('--socket');
const lockFile = dataDir ? path.join(dataDir, '.lianxin.lock') : undefined;

function send(msg) {
  if (process.send) process.send(msg);
}

function fail(code, message) {
  send({ type: 'error', code, message });
  setTimeout(() => process.exit(1), 50);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** PGlite itself takes no lock on its folder: two processes could both write. We refuse that. */
function takeLock() {
  fs.mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    // Write the pid to a private file, then hard-link it into place: the link either fails or
    // creates a lock file that already names its owner (no window with an empty lock file).
    const mine = `${lockFile}.${process.pid}`;
    try {
      fs.writeFileSync(mine, String(process.pid));
      fs.linkSync(mine, lockFile);
      return true;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const holder = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      if (Number.isFinite(holder) && holder !== process.pid && pidAlive(holder)) {
        fail(
          'db.locked',
          `数据目录 ${dataDir} 正被进程 ${holder} 使用，不能同时启动两次。` +
            `(The data folder is in use by process ${holder}; stop it first.)`,
        );
        return false;
      }
      fs.rmSync(lockFile, { force: true }); // stale lock from a crashed process
    } finally {
      fs.rmSync(mine, { force: true });
    }
  }
  fail('db.locked', `无法锁定数据目录 ${dataDir}`);
  return false;
}

function releaseLock() {
  if (!lockFile) return;
  try {
    if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.rmSync(lockFile);
  } catch {}
}

let db;
let server;
let stopping = false;

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  try {
    if (server) await server.stop();
    if (db) await db.close();
  } catch {}
  releaseLock();
  process.exit(code);
}

async function main() {
  if (!socketPath) return fail('db.args', 'missing --socket');
  if (!memory && !dataDir) return fail('db.args', 'missing --data-dir or --memory');
  if (dataDir && !takeLock()) return;
  const options = {};
  if (loadDump) options.loadDataDir = new Blob([fs.readFileSync(loadDump)]);
  db = await PGlite.create(memory ? undefined : dataDir, options);
  fs.rmSync(socketPath, { force: true });
  // One connection: PGlite is a single backend, and interleaving two clients' extended-protocol
  // messages would mix their unnamed statements. The API process holds one pooled connection.
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
  await server.start();
  send({ type: 'ready', socket: socketPath });
}

process.on('message', async (msg) => {
  if (msg?.type === 'stop') await stop(0);
  if (msg?.type === 'dump') {
    try {
      const blob = await db.dumpDataDir('none');
      fs.writeFileSync(msg.file, Buffer.from(await blob.arrayBuffer()));
      send({ type: 'dumped' });
    } catch (e) {
      send({ type: 'error', code: 'db.dump', message: String(e) });
    }
  }
});
process.on('disconnect', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
process.on('exit', releaseLock);

main().catch((e) => fail('db.start', e instanceof Error ? e.message : String(e)));
