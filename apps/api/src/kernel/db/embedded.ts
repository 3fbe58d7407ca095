import { type ChildProcess, fork } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverScript = fileURLToPath(new URL('./pglite-server.mjs', import.meta.url));

export interface EmbeddedOptions {
  /** Folder that holds the database; omit for an in-memory database (tests). */
  dataDir?: string;
  /** A tarball from dumpDataDir to start from (tests load a migrated template this way). */
  loadDump?: string;
}

export interface EmbeddedServer {
  socketPath: string;
  child: ChildProcess;
  dump(file: string): Promise<void>;
  stop(): Promise<void>;
}

export class EmbeddedDbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Starts PGlite in a child process behind a Unix socket that speaks the PostgreSQL wire protocol,
 * so the API talks to it with the same driver as to a real server and a slow query never blocks
 * the API's event loop.
 */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const socketPath = path.join(
    os.tmpdir(),
    `lianxin-${process.pid}-${crypto.randomBytes(4).toString('hex')}.s`,
  );
  const args = ['--socket', socketPath];
  if (opts.dataDir) args.push('--data-dir', opts.dataDir);
  else args.push('--memory');
  if (opts.loadDump) args.push('--load-dump', opts.loadDump);
  const child = fork(serverScript, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });

  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { type: string; code?: string; message?: string }) => {
      if (m.type === 'ready') {
        cleanup();
        resolve();
      } else if (m.type === 'error') {
        cleanup();
        reject(new EmbeddedDbError(m.code ?? 'db.start', m.message ?? 'embedded database failed'));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new EmbeddedDbError('db.start', `embedded database exited with code ${code}`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });

  return {
    socketPath,
    child,
    dump: (file) =>
      new Promise<void>((resolve, reject) => {
        const onMessage = (m: { type: string; message?: string }) => {
          if (m.type === 'dumped') {
            child.off('message', onMessage);
            resolve();
          } else if (m.type === 'error') {
            child.off('message', onMessage);
            reject(new Error(m.message));
          }
        };
        child.on('message', onMessage);
        child.send({ type: 'dump', file });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' });
      }),
  };
}
