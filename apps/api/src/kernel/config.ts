import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Configuration is read from the environment once, validated, and passed down explicitly.
 * A bad value stops the process at boot with a message naming the variable.
 */
const hexKey = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('data'),
  /** The region this deployment serves (GB/T 2260 code of a county-level division). */
  REGION_CODE: z
    .string()
    .regex(/^\d{6}$/)
    .default('310112'),
  /** Keyring for personal data: "id:hex,id:hex"; the first key encrypts, all keys decrypt. */
  PII_KEYS: z.string().optional(),
  /** Key for the blind index (keyed hash) used to look people up by phone number. */
  PII_INDEX_KEY: hexKey.optional(),
  PII_CIPHER: z.enum(['aes-256-gcm', 'sm4']).default('aes-256-gcm'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(20).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SEED_DEMO: z.enum(['true', 'false', 'auto']).default('auto'),
  JOBS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  /** Public address of the portal, used in QR codes and SMS links (e.g. https://rd.example.gov.cn). */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** Leaflet tile URL template for maps; none by default (offline machines get a plain background). */
  MAP_TILE_URL: z.string().optional(),
  MAP_TILE_ATTRIBUTION: z.string().optional(),
  /**
   * Portal submissions: 'queued' (default) writes each one in a single statement and files it as a
   * case in the background (accept first, process after); 'inline' files it before answering
   * (unit tests, which read the case right after submitting).
   */
  INTAKE_MODE: z.enum(['queued', 'inline']).default('queued'),
  /** Lets a sysadmin move the server's clock forward (browser tests, demos of deadlines). Never in production. */
  TEST_CLOCK: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** Relative DATA_DIR values are resolved against the repository root, so `./data` is the same folder
 * whether the server is started from the root (`npm start`) or from apps/api. */
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export type Config = z.infer<typeof configSchema> & { dataDir: string; publicBaseUrl: string };

/** Development keys: fixed so the demo data stays readable across restarts. Never for production. */
const DEV_PII_KEYS = `dev1:${'6c69616e78696e2d6465762d706969'.padEnd(64, '0')}`;
const DEV_INDEX_KEY = '6c69616e78696e2d6465762d696478'.padEnd(64, '0');

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (配置无效):\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && (!c.PII_KEYS || !c.PII_INDEX_KEY)) {
    throw new ConfigError(
      'Invalid configuration (配置无效): PII_KEYS and PII_INDEX_KEY are required in production',
    );
  }
  if (c.NODE_ENV === 'production' && c.TEST_CLOCK) {
    throw new ConfigError('Invalid configuration (配置无效): TEST_CLOCK must not be set in production');
  }
  return {
    ...c,
    PII_KEYS: c.PII_KEYS ?? DEV_PII_KEYS,
    PII_INDEX_KEY: c.PII_INDEX_KEY ?? DEV_INDEX_KEY,
    dataDir: path.resolve(repoRoot, c.DATA_DIR),
    publicBaseUrl: (
      c.PUBLIC_BASE_URL ?? `http://${c.HOST === '0.0.0.0' ? 'localhost' : c.HOST}:${c.PORT}`
    ).replace(/\/$/, ''),
  };
}
