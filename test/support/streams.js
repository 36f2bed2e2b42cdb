// Streamed answer bodies (downloads read with `encoding: 'stream'`) for the unit tests. CommonJS on purpose: the
// TypeScript tests are linted with n8n's rules, which forbid Node's stream module.
const { Readable } = require('node:stream');

/** A body that sends `text` and then nothing, never ending. @param {string} text @returns {Readable} */
function endlessBody(text) {
	const body = new Readable({ read() {} });
	body.push(text);
	return body;
}

/** A body that sends `text` and ends. @param {string} text @returns {Readable} */
function wholeBody(text) {
	return Readable.from([Buffer.from(text)]);
}

module.exports = { endlessBody, wholeBody };
