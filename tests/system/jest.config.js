// System tests: several real Clearpost processes (the built API and worker) on one PostgreSQL
// and Redis, started, loaded, stopped and killed.
module.exports = require('../../jest.preset.js')(__dirname, {
  testMatch: ['<rootDir>/**/*.system.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
  // fetch keeps idle keep-alive sockets to the stopped processes for a while; every process and database is closed by then.
  forceExit: true,
});
