/**
 * Unit tests run in-process; e2e tests drive a real n8n and the sandbox (CONTRIBUTING.md "Test it"). The queue-mode
 * suite (test/queue/) needs Postgres and Redis and runs apart, with `npm run test:queue` (test/queue/jest.config.js).
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/queue/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
	testTimeout: 30_000,
};
