import 'reflect-metadata';
import { startServer } from './bootstrap';
import { loadConfig } from './config/config';

startServer(loadConfig()).catch((error: Error) => {
  console.error(`Clearpost could not start: ${error.message}`);
  process.exit(1);
});
