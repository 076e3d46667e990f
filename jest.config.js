/** Jest runs native ESM (NestJS 12 is ESM-only): see ../shared/STACK-NOTES.md. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.spec.json', diagnostics: false }],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/migrations/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 60000,
  // A worker is started afresh once a test file leaves it above 1 GB: the ESM module graphs of the
  // end-to-end files (NestJS, TypeORM, Apollo, each file its own) are never freed, and a worker grown
  // to 3.7 GB spent its time collecting garbage (erasure.e2e-spec.ts: 1 s of tests in 39 s). The whole
  // run took 919 s without it, 631–780 s with it, on the same quiet machine (BENCHMARKS.md).
  workerIdleMemoryLimit: '1GB',
};
