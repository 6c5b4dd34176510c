// Shared jest settings: swc for speed (no type-checking; `tsc --noEmit` does that in build).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** `@clearpost/*` as tsconfig.base.json declares it (the one place the alias is written). */
function libraryAliases() {
  const { paths } = JSON.parse(readFileSync(join(__dirname, 'tsconfig.base.json'), 'utf8')).compilerOptions;
  return Object.fromEntries(Object.entries(paths).map(([name, [target]]) => [`^${name.replace(/[/.]/g, '\\$&')}$`, join(__dirname, target)]));
}

/** @param {string} projectDir */
module.exports = (projectDir, overrides = {}) => ({
  rootDir: projectDir,
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    ...libraryAliases(),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  ...overrides,
});
