// Runs one Thinkeo node in-process with n8n-core's WorkflowExecute (the real RoutingNode and request helpers),
// against a running sandbox. The conformance test uses it to learn the HTTP request every operation sends.
// The Thinkeo Trigger's poll runs the same way, in n8n-core's PollContext.
// The credential is used in API Token mode, so no token exchange is involved (the e2e tests cover that).
const { DirectoryLoader, PollContext, RoutingNode } = require('n8n-core');
const { ICredentialsHelper, Workflow } = require('n8n-workflow');

const { ThinkeoApi } = require('../../credentials/ThinkeoApi.credentials');
const { Thinkeo } = require('../../nodes/Thinkeo/Thinkeo.node');
const { ThinkeoTrigger } = require('../../nodes/Thinkeo/ThinkeoTrigger.node');
const { instanceData, runAfterSource, useInlineBinaryData } = require('./workflowRun');

const NODE_TYPE = 'n8n-nodes-thinkeo.thinkeo';
const TRIGGER_TYPE = 'n8n-nodes-thinkeo.thinkeoTrigger';
/** The API Token credential both runners name (TokenCredentialsHelper supplies its data). */
const CREDENTIAL = { id: 'conformance', name: 'Thinkeo conformance' };

class NodeTypes {
	constructor() {
		this.thinkeo = new Thinkeo();
		this.thinkeoTrigger = new ThinkeoTrigger();
		// What n8n's node loader does to every declarative node: add its "Request Options" (timeout, batching, proxy).
		DirectoryLoader.applyDeclarativeNodeOptionParameters(this.thinkeo);
		// What n8n's NodeTypes does to it (packages/cli node-types.ts): run it as its execute method, in the execution's
		// context with the execution's cancel signal (n8n-core alone would run it without one).
		const declarative = this.thinkeo;
		declarative.execute = async function () {
			return (await new RoutingNode(this, declarative).runNode()) ?? [];
		};
	}

	getByName(type) {
		if (type === NODE_TYPE) return this.thinkeo;
		return type === TRIGGER_TYPE ? this.thinkeoTrigger : undefined;
	}

	getByNameAndVersion(type) {
		return this.getByName(type);
	}

	getKnownTypes() {
		return {};
	}
}

/** API Token mode only (no exchange): requests are signed by the credential's own `authenticate`. */
class TokenCredentialsHelper extends ICredentialsHelper {
	constructor(data) {
		super();
		this.data = data;
		this.credentialType = new ThinkeoApi();
	}

	getParentTypes() {
		return [];
	}

	async authenticate(credentials, _type, requestOptions) {
		return await this.credentialType.authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials() {
		return undefined;
	}

	async getDecrypted() {
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return this.credentialType.properties;
	}

	isCredentialUsableByNode() {
		return true;
	}
}

/** What n8n-core needs around a node run: the API Token credential pointing at the sandbox, and the instance URLs. */
function runContext(baseUrl, apiToken, credentialFields = {}) {
	return {
		credentialsHelper: new TokenCredentialsHelper({ authentication: 'apiToken', baseUrl, apiToken, ...credentialFields }),
		executionId: 'conformance',
		...instanceData(),
	};
}

/**
 * Runs the Thinkeo node once on one input item and resolves `{items, error}`: the node's output items, or the
 * error that stopped it. `binary` gives the input item binary fields: {name: {bytes, fileName, mimeType}}; `items`
 * replaces the one input item with these (the rate-limit benchmark runs hundreds at once); `executionId` tells
 * concurrent runs apart; `credentialFields` adds fields to the credential's data (e.g. n8n's allowed domains);
 * `cancelAfterMs` cancels the execution that long after its start.
 * @param {{ baseUrl: string, apiToken: string, parameters: Record<string, unknown>, binary?: Record<string, { bytes: Buffer, fileName: string, mimeType: string }>, items?: Array<{ json: Record<string, unknown> }>, executionId?: string, credentialFields?: Record<string, unknown>, cancelAfterMs?: number }} options
 * @returns {Promise<{ items: Array<{ json: Record<string, any>, binary?: Record<string, any> }>, error: any }>}
 */
async function runThinkeoNode({ baseUrl, apiToken, parameters, binary, items, executionId = 'conformance', credentialFields, cancelAfterMs }) {
	const node = {
		id: '2',
		name: 'Thinkeo',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters,
		credentials: { thinkeoApi: CREDENTIAL },
	};
	const inputItem = { json: {} };
	if (binary) {
		inputItem.binary = {};
		for (const [name, { bytes, fileName, mimeType }] of Object.entries(binary)) {
			inputItem.binary[name] = { data: Buffer.from(bytes).toString('base64'), fileName, mimeType };
		}
	}
	return await runAfterSource({
		node,
		nodeTypes: new NodeTypes(),
		inputItems: items ?? [inputItem],
		executionId,
		additionalData: runContext(baseUrl, apiToken, credentialFields),
		cancelAfterMs,
	});
}

/**
 * Polls the Thinkeo Trigger once, as n8n does for an active workflow (`mode` 'trigger') or for "Fetch Test Event"
 * ('manual'), starting from `staticData`: the node's static data as n8n stored it after the previous poll.
 * Resolves the emitted items (none when the poll returned null) and the static data to store for the next poll.
 * @param {{ baseUrl: string, apiToken: string, parameters: Record<string, unknown>, mode?: 'trigger' | 'manual', staticData?: Record<string, unknown> }} options
 * @returns {Promise<{ items: Array<{ json: Record<string, any>, binary?: Record<string, any> }>, staticData: Record<string, any> }>}
 */
async function pollThinkeoTrigger({ baseUrl, apiToken, parameters, mode = 'trigger', staticData = {} }) {
	useInlineBinaryData();
	const node = {
		id: 'trigger',
		name: 'Thinkeo Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { thinkeoApi: CREDENTIAL },
	};
	const workflow = new Workflow({
		id: 'trigger',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: new NodeTypes(),
		// Stored as JSON between polls, as n8n keeps it in its database.
		staticData: { [`node:${node.name}`]: JSON.parse(JSON.stringify(staticData)) },
	});
	const context = new PollContext(workflow, node, runContext(baseUrl, apiToken), mode, 'activate');
	const output = await new ThinkeoTrigger().poll.call(context);
	return {
		items: output?.[0] ?? [],
		staticData: JSON.parse(JSON.stringify(workflow.getStaticData('node', node))),
	};
}

module.exports = { runThinkeoNode, pollThinkeoTrigger };
