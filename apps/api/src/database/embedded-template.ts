import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * A freshly initialised, empty PGlite cluster, packed at build time. Creating a cluster (initdb,
 * compiled to WebAssembly) takes 4–5 s here; unpacking this takes about 1.5 s, which is what keeps
 * the first `npm start` on a new machine under its 5 s budget. It lives in dist/, never in git.
 */
export const EMBEDDED_TEMPLATE = join(__dirname, '..', 'embedded-template.tar.gz');

/** The packed cluster, or null when running from sources (tests) without a build. */
export function readEmbeddedTemplate(): Blob | null {
  return existsSync(EMBEDDED_TEMPLATE) ? new Blob([readFileSync(EMBEDDED_TEMPLATE)]) : null;
}

async function buildTemplate(): Promise<void> {
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  writeFileSync(EMBEDDED_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
}

// `node dist/database/embedded-template.js`, run by the API's build.
if (require.main === module) {
  buildTemplate().catch((error: Error) => {
    console.error(`Could not build the embedded database template: ${error.message}`);
    process.exit(1);
  });
}
