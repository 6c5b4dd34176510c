// Unit and integration tests of the API. Integration suites talk to the real PostgreSQL and Redis
// named by TEST_DATABASE_URL / REDIS_URL (local defaults otherwise); see test/support/.
module.exports = require('../../jest.preset.js')(__dirname, {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
  maxWorkers: 2,
});
