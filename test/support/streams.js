// Stream bodies for unit tests without n8n: Node.js streams (downloads read with `encoding: 'stream'`), a local server
// that records the raw request line and can answer with a body that never ends, and a consumer that reads a stream as
// n8n's binary store does. CommonJS on purpose: the TypeScript tests are linted with n8n's rules (no node: imports).
const http = require('node:http');
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

/**
 * A stream of `chunks` (Buffers), as a download's body; `state` tells how many chunks were read and whether it was
 * destroyed.
 */
function bodyStream(chunks) {
	const state = { read: 0, destroyed: false };
	let index = 0;
	const stream = new Readable({
		read() {
			// An empty chunk would stall a byte stream (a socket never hands one over): skip it.
			while (index < chunks.length && chunks[index].length === 0) index += 1;
			if (index >= chunks.length) return this.push(null);
			state.read += 1;
			this.push(chunks[index++]);
		},
		destroy(error, callback) {
			state.destroyed = true;
			callback(error);
		},
	});
	return { stream, state };
}

/**
 * A body that sends `chunk` after each of `delays` (ms), then ends, or, with `endless`, keeps sending one every last
 * delay until destroyed: a download that trickles. `state` counts the chunks sent and tells whether it was destroyed.
 */
function tricklingBody(delays, { chunk = Buffer.from('x'), endless = false } = {}) {
	const state = { sent: 0, destroyed: false };
	let timer;
	const stream = new Readable({
		read() {},
		destroy(error, callback) {
			state.destroyed = true;
			clearTimeout(timer);
			callback(error);
		},
	});
	const next = (index) => {
		if (state.destroyed) return;
		if (index >= delays.length && !endless) return stream.push(null);
		timer = setTimeout(() => {
			if (state.destroyed) return;
			state.sent += 1;
			stream.push(chunk);
			next(index + 1);
		}, delays[Math.min(index, delays.length - 1)] ?? 0);
	};
	next(0);
	return { stream, state };
}

/** Reads a stream whole, as n8n's binary store does (to memory, or to a file it then keeps or deletes). */
async function readWhole(stream) {
	if (Buffer.isBuffer(stream)) return stream;
	const chunks = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

/** Where an "endless" body ends after all: far past any limit a test sets, yet code with no limit ends instead of filling memory. */
const ENDLESS_BYTES = 64 * 1024 * 1024;

/**
 * A local server that records each request's raw target (`req.url`, as the client sent it) and Authorization header,
 * and answers 200 with `respond(req)`'s `{headers, body}`, or, with `endless: true`, with a body that goes on until the
 * client hangs up (or ENDLESS_BYTES), a byte every `trickleMs` if given: `sent` counts its bytes, `closed` turns true once the client hung up first.
 * Resolves `{url, requests, endless, close}`.
 */
async function startRecordingServer(respond = () => ({ headers: {}, body: Buffer.from('ok') })) {
	const requests = [];
	const endless = { sent: 0, closed: false };
	const server = http.createServer((req, res) => {
		requests.push({ url: req.url, authorization: req.headers.authorization ?? null });
		const answer = respond(req);
		if (!answer.endless) {
			res.writeHead(200, answer.headers).end(answer.body);
			return;
		}
		res.writeHead(200, answer.headers);
		const chunk = Buffer.alloc(64 * 1024, 0x78);
		res.on('close', () => (endless.closed = !res.writableFinished));
		if (answer.trickleMs) {
			// One byte every trickleMs: the socket is never idle long enough for an idle timeout.
			const trickle = setInterval(() => {
				if (res.destroyed || endless.sent >= ENDLESS_BYTES) return clearInterval(trickle);
				endless.sent += 1;
				res.write('x');
			}, answer.trickleMs);
			return;
		}
		const write = () => {
			while (!res.destroyed) {
				if (endless.sent >= ENDLESS_BYTES) return res.end();
				endless.sent += chunk.length;
				if (!res.write(chunk)) return res.once('drain', write);
			}
		};
		write();
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		requests,
		endless,
		async close() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = { bodyStream, endlessBody, readWhole, startRecordingServer, tricklingBody, wholeBody };
