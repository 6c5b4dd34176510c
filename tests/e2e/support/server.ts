// The product starter is shared with the benchmarks (plain CommonJS, so both can load it).
const product = require('../../../scripts/support/product.cjs') as {
  startProduct(options?: { embedded?: boolean; env?: Record<string, string> }): Promise<RunningProduct>;
};

/** A running Clearpost: the built API and web app on a free port, on its own fresh database. */
export interface RunningProduct {
  baseUrl: string;
  startedInMs: number;
  stop(): Promise<void>;
}

/** On a new database of the real PostgreSQL and the real Redis, as a deployment runs. */
export const startProduct = (env: Record<string, string> = {}): Promise<RunningProduct> => product.startProduct({ env });
