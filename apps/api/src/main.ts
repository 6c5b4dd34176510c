import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig } from './config/config';
import { prestartEmbeddedPostgres } from './database/embedded-postgres';

const config = loadConfig();
// Zero-configuration start: the embedded database opens while the application's code loads.
if (!config.databaseUrl) prestartEmbeddedPostgres(join(config.dataDir, 'pgdata'));

import('./bootstrap.js')
  .then(({ startServer }) => startServer(config))
  .catch((error: Error) => {
    console.error(`Clearpost could not start: ${error.message}`);
    process.exit(1);
  });
