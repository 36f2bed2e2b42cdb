// Tests that take minutes of wall-clock time (e.g. a 6.5-minute generation) run in `npm test` and CI; set
// THINKEO_SKIP_SLOW_TESTS=1 to skip them in quick runs. CommonJS: the TypeScript tests cannot read process.
const slowTestsSkipped = process.env.THINKEO_SKIP_SLOW_TESTS === '1';

module.exports = { slowTestsSkipped };
