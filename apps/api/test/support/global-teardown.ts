import { withAdmin } from './databases';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.CLEARPOST_TEST_TEMPLATE;
  if (template) await withAdmin((admin) => admin.query(`drop database if exists "${template}" with (force)`));
}
