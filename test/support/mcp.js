// The official MCP SDK client (@modelcontextprotocol/sdk), for the MCP end-to-end tests. Required from JavaScript:
// the SDK's subpaths are package "exports", which the project's TypeScript module resolution ("node") cannot read.
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { DEFAULT_REQUEST_TIMEOUT_MSEC } = require('@modelcontextprotocol/sdk/shared/protocol.js');

/**
 * Connects an MCP client to `url` over Streamable HTTP (`transport` 'http') or SSE ('sse'), sending `headers` with
 * every request. Resolves the connected client (`listTools()`, `callTool(params, schema, options)`, `close()`).
 * @param {{ url: string, headers?: Record<string, string>, transport?: 'http' | 'sse' }} options
 */
async function connectMcp({ url, headers = {}, transport = 'http' }) {
	const client = new Client({ name: 'thinkeo-e2e', version: '1.0.0' });
	const requestInit = { headers };
	const target = new URL(url);
	const channel =
		transport === 'sse'
			? new SSEClientTransport(target, { requestInit, eventSourceInit: { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }) } })
			: new StreamableHTTPClientTransport(target, { requestInit });
	await client.connect(channel);
	return client;
}

module.exports = { connectMcp, DEFAULT_REQUEST_TIMEOUT_MSEC };
