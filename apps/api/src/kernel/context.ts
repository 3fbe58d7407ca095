import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Config } from './config';
import type { PiiVault } from './crypto/pii';
import type { Database } from './db/client';
import type { EventBus } from './events';
import type { SmsDriver } from './notifications/drivers';

/** Everything a command needs, passed explicitly (no globals): tests build their own. */
export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  vault: PiiVault;
  log: Logger;
  events: EventBus;
  sms: SmsDriver;
}
