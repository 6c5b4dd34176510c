// Browser end-to-end tests: the built product (API serving the web app) driven in Debian's chromium.
module.exports = require('../../jest.preset.js')(__dirname, {
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  testTimeout: 60_000,
  maxWorkers: 1,
  // playwright-core keeps an internal handle after browser.close(); the suite's own cleanup has run by then.
  forceExit: true,
});
