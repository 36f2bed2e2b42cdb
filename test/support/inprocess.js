// Runs one Thinkeo node in-process with n8n-core's WorkflowExecute (the real RoutingNode and request helpers),
// against a running sandbox. The conformance test uses it to learn the HTTP request every operation sends.
// The Thinkeo Trigger's poll runs the same way, in n8n-core's PollContext.
// The credential is used in API Token mode, so no token exchange is involved (the e2e tests cover that).
const { Container } = require('@n8n/di');
const { BinaryDataService, DirectoryLoader, ExecutionLifecycleHooks, PollContext, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, Workflow } = require('n8n-workflow');

const { ThinkeoApi } = require('../../credentials/ThinkeoApi.credentials');
const { Thinkeo } = require('../../nodes/Thinkeo/Thinkeo.node');
const { ThinkeoTrigger } = require('../../nodes/Thinkeo/ThinkeoTrigger.node');

const NODE_TYPE = 'n8n-nodes-thinkeo.thinkeo';
const TRIGGER_TYPE = 'n8n-nodes-thinkeo.thinkeoTrigger';
const quietLogger = { debug() {}, info() {}, warn() {}, error() {}, scoped: () => quietLogger };

// Without a storage manager, n8n-core keeps binary data inline (base64), which is all a test run needs.
let binaryServiceReady = false;
function useInlineBinaryData() {
	if (binaryServiceReady) return;
	Container.set(BinaryDataService, new BinaryDataService({ mode: 'default' }, { error() {} }, quietLogger));
	binaryServiceReady = true;
}

class NodeTypes {
	constructor() {
		this.thinkeo = new Thinkeo();
		this.thinkeoTrigger = new ThinkeoTrigger();
		// What n8n's node loader does to every declarative node: add its "Request Options" (timeout, batching, proxy).
		DirectoryLoader.applyDeclarativeNodeOptionParameters(this.thinkeo);
		this.trigger = {
			description: {
				displayName: 'Trigger',
				name: 'trigger',
				group: ['trigger'],
				version: 1,
				defaults: {},
				inputs: [],
				outputs: ['main'],
				properties: [],
			},
			async execute() {
				return [this.getInputData()];
			},
		};
	}

	getByName(type) {
		if (type === NODE_TYPE) return this.thinkeo;
		return type === TRIGGER_TYPE ? this.thinkeoTrigger : this.trigger;
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
function runContext(baseUrl, apiToken) {
	return {
		credentialsHelper: new TokenCredentialsHelper({ authentication: 'apiToken', baseUrl, apiToken }),
		executionId: 'conformance',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		currentNodeParameters: undefined,
		logAiEvent: () => {},
	};
}

/**
 * Runs the Thinkeo node once on one input item and resolves `{items, error}`: the node's output items, or the
 * error that stopped it. `binary` gives the input item binary fields: {name: {bytes, fileName, mimeType}}; `items`
 * replaces the one input item with these (the rate-limit benchmark runs hundreds at once); `executionId` tells
 * concurrent runs apart.
 * @param {{ baseUrl: string, apiToken: string, parameters: Record<string, unknown>, binary?: Record<string, { bytes: Buffer, fileName: string, mimeType: string }>, items?: Array<{ json: Record<string, unknown> }>, executionId?: string }} options
 * @returns {Promise<{ items: Array<{ json: Record<string, any>, binary?: Record<string, any> }>, error: any }>}
 */
async function runThinkeoNode({ baseUrl, apiToken, parameters, binary, items, executionId = 'conformance' }) {
	useInlineBinaryData();
	const credential = { id: 'conformance', name: 'Thinkeo conformance' };
	const nodes = [
		{ id: '1', name: 'Trigger', type: 'trigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: '2',
			name: 'Thinkeo',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: { thinkeoApi: credential },
		},
	];
	const connections = { Trigger: { main: [[{ node: 'Thinkeo', type: 'main', index: 0 }]] } };
	const workflow = new Workflow({ id: 'conformance', nodes, connections, active: false, nodeTypes: new NodeTypes() });

	const inputItem = { json: {} };
	if (binary) {
		inputItem.binary = {};
		for (const [name, { bytes, fileName, mimeType }] of Object.entries(binary)) {
			inputItem.binary[name] = { data: Buffer.from(bytes).toString('base64'), fileName, mimeType };
		}
	}

	const hooks = new ExecutionLifecycleHooks('manual', 'conformance', { id: 'conformance', nodes, connections });
	let resolveRun;
	const finished = new Promise((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	const additionalData = { hooks, ...runContext(baseUrl, apiToken), executionId };
	const runExecutionData = {

		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: nodes[0], data: { main: [items ?? [inputItem]] }, source: null }],
		},
	};
	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = await finished;
	const task = run.data.resultData.runData.Thinkeo?.[0];
	return { items: task?.data?.main?.[0] ?? [], error: task?.error ?? run.data.resultData.error };
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
		credentials: { thinkeoApi: { id: 'conformance', name: 'Thinkeo conformance' } },
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
