/** The queue-mode suite (`npm run test:queue`): the project's jest setup, on test/queue/ only. */
const base = require('../../jest.config.js');

module.exports = { ...base, rootDir: '../..', roots: ['<rootDir>/test/queue'], testPathIgnorePatterns: ['/node_modules/'] };
