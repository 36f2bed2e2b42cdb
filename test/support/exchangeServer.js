// A local stand-in for the two endpoints of the credential's token exchange (GET /teams, POST /tokens) whose answer
// each test sets, misbehaving ones included: a body that trickles forever, a token of any size, any status. It
// records every request and when its socket closed, to check that the credential cut it. Also a free local port
// nothing listens on. CommonJS: the TypeScript tests are linted with n8n's rules (no node: imports, no timers).
const http = require('node:http');
const net = require('node:net');

/**
 * Resolves `{url, requests, answer(route, reply), reset(), close()}`. `route` is e.g. 'GET /teams' or
 * 'GET /teams bearer' (a Bearer request) and `reply` `{status?, json?, html?, trickleEveryMs?, trickleForMs?}`
 * (`html`: that text as a text/html page instead of JSON, as a login page or a proxy answers); with
 * `trickleEveryMs` the answer's headers go out at once, then one byte of JSON every `trickleEveryMs`, ending after
 * `trickleForMs` (never when absent). Unset routes answer 404.
 */
async function startExchangeServer() {
	const requests = [];
	const replies = new Map();
	const server = http.createServer((req, res) => {
		const path = new URL(req.url, 'http://localhost').pathname.replace(/^\/v1/, '');
		const bearer = /^Bearer /.test(req.headers.authorization ?? '');
		const record = { method: req.method, path, bearer, authorizationLength: (req.headers.authorization ?? '').length, startedAt: Date.now() };
		requests.push(record);
		req.socket.once('close', () => (record.closedAt = Date.now()));
		const route = `${req.method} ${path}`;
		const reply = replies.get(`${route}${bearer ? ' bearer' : ''}`) ?? replies.get(route) ?? { status: 404, json: { error: { message: 'No such route' } } };
		const { status = 200, json = null, html, trickleEveryMs, trickleForMs } = reply;
		const body = html ?? JSON.stringify(json);
		if (!trickleEveryMs) {
			res.writeHead(status, { 'content-type': html === undefined ? 'application/json' : 'text/html' }).end(body);
			return;
		}
		res.writeHead(status, { 'content-type': 'application/json' });
		res.write(body.slice(0, -1));
		const started = Date.now();
		const timer = setInterval(() => {
			if (trickleForMs !== undefined && Date.now() - started >= trickleForMs) {
				clearInterval(timer);
				res.end(body.slice(-1));
			} else {
				res.write(' ');
			}
		}, trickleEveryMs);
		res.once('close', () => clearInterval(timer));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		requests,
		answer: (route, reply) => replies.set(route, reply),
		reset() {
			requests.length = 0;
			replies.clear();
			server.closeAllConnections();
		},
		async close() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

/** A port of 127.0.0.1 that nothing listens on (just freed): connecting to it is refused at once. */
async function unusedPort() {
	const probe = net.createServer();
	await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address();
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

module.exports = { startExchangeServer, unusedPort };
