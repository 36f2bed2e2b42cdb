// The official MCP SDK client (@modelcontextprotocol/sdk), for the MCP end-to-end tests. Required from JavaScript:
// the SDK's subpaths are package "exports", which the project's TypeScript module resolution ("node") cannot read.
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { DEFAULT_REQUEST_TIMEOUT_MSEC } = require('@modelcontextprotocol/sdk/shared/protocol.js');

const example = require('../../examples/mcp-server.json');
const { apiTokenCredential } = require('./credentials');

/** The credential a node of the example references by `type`: the example names them, the tests give their data. */
const exampleCredentialRef = (type) => example.nodes.find((node) => node.credentials && type in node.credentials).credentials[type];

/**
 * The two credentials examples/mcp-server.json references, to import into n8n: its Thinkeo credential in API Token
 * mode with `apiToken` at `baseUrl`, and the MCP Server Trigger's Bearer secret `mcpSecret`.
 * @param {string} baseUrl
 * @param {string} apiToken
 * @param {string} mcpSecret
 */
function mcpExampleCredentials(baseUrl, apiToken, mcpSecret) {
	return [
		apiTokenCredential(exampleCredentialRef('thinkeoApi'), baseUrl, apiToken),
		{ ...exampleCredentialRef('httpBearerAuth'), type: 'httpBearerAuth', data: { token: mcpSecret } },
	];
}

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

module.exports = { connectMcp, mcpExampleCredentials, DEFAULT_REQUEST_TIMEOUT_MSEC };
