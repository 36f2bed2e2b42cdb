// Two local listeners for redirect tests without n8n: "Thinkeo", which answers every request with a redirect to the
// same path on "another origin", and that other origin, which records the headers of every request it receives.
// Also n8n-core's real request helper (axios and follow-redirects as n8n configures them), for a credential's
// `this.helpers.httpRequest`. CommonJS: the TypeScript tests are linted with n8n's rules (no node: imports).
const http = require('node:http');

require('n8n-core');
const { OutboundHttp } = require('@n8n/backend-network');
const { Container } = require('@n8n/di');

async function listen(handler) {
	const server = http.createServer(handler);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/**
 * Resolves `{thinkeoUrl, foreignUrl, received, redirectWith(status), close()}`; `received` lists the headers of each
 * request that reached the other origin.
 */
async function startRedirectingPair() {
	const received = [];
	let status = 302;
	const foreign = await listen((req, res) => {
		received.push(req.headers);
		res.writeHead(200, { 'content-type': 'application/json' }).end('[{"id":"t","name":"Foreign"}]');
	});
	const thinkeo = await listen((req, res) => res.writeHead(status, { location: `${foreign.url}${req.url}` }).end());
	return {
		thinkeoUrl: thinkeo.url,
		foreignUrl: foreign.url,
		received,
		redirectWith: (next) => (status = next),
		async close() {
			for (const { server } of [foreign, thinkeo]) {
				server.closeAllConnections();
				await new Promise((resolve) => server.close(resolve));
			}
		},
	};
}

/**
 * n8n-core's `helpers.httpRequest`, as a credential's preAuthentication gets it.
 * @param {object} options IHttpRequestOptions
 * @returns {Promise<unknown>}
 */
async function httpRequest(options) {
	return await Container.get(OutboundHttp).requests().request(options);
}

const n8nHttpHelper = { helpers: { httpRequest } };

module.exports = { startRedirectingPair, n8nHttpHelper };
