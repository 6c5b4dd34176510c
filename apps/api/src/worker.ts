import 'reflect-metadata';
import { startWorker } from './bootstrap';
import { loadConfig } from './config/config';

startWorker(loadConfig()).catch((error: Error) => {
  console.error(`Clearpost worker could not start: ${error.message}`);
  process.exit(1);
});
