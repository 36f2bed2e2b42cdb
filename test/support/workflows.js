// Builds n8n workflow JSON for the end-to-end tests: a Manual Trigger (or another trigger) followed by a chain of
// nodes.
const THINKEO_NODE_TYPE = 'n8n-nodes-thinkeo.thinkeo';
const THINKEO_TRIGGER_TYPE = 'n8n-nodes-thinkeo.thinkeoTrigger';

function chain(id, name, nodes) {
	const trigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
	return linked(id, name, [trigger, ...nodes]);
}

/**
 * A workflow of one or more chains, each started by its own trigger (e.g. `thinkeoTrigger(…)`), for `n8n start`
 * rather than `n8n execute`.
 */
function triggered(id, name, ...chains) {
	const workflows = chains.map((nodes, row) => linked(`${id}-${row}`, name, nodes, row));
	return {
		...workflows[0],
		id,
		nodes: workflows.flatMap((workflow) => workflow.nodes),
		connections: Object.assign({}, ...workflows.map((workflow) => workflow.connections)),
	};
}

function linked(id, name, nodes, row = 0) {
	const all = nodes.map((node, index) => ({ id: `${id}-${index}`, position: [index * 220, row * 200], ...node }));
	const connections = {};
	for (let i = 0; i + 1 < all.length; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes: all, connections };
}

function thinkeo(name, credential, parameters, extra = {}) {
	return {
		name,
		type: THINKEO_NODE_TYPE,
		typeVersion: 1,
		parameters,
		credentials: { thinkeoApi: { id: credential.id, name: credential.name } },
		...extra,
	};
}

/** The Thinkeo Trigger, polling every minute (the shortest interval n8n accepts). */
function thinkeoTrigger(name, credential, parameters) {
	return {
		name,
		type: THINKEO_TRIGGER_TYPE,
		typeVersion: 1,
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
		credentials: { thinkeoApi: { id: credential.id, name: credential.name } },
	};
}

/** Set (raw JSON) then Split Out: `count` items `{i}`. */
function items(count) {
	return [
		{
			name: 'Make Items',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ items: Array.from({ length: count }, (_, i) => ({ i })) }),
			},
		},
		{ name: 'Split Items', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'items' } },
	];
}

/** Set then Convert to File: one item whose binary field `data` holds exactly `bytes`. */
function file(bytes, fileName, mimeType) {
	return [
		{
			name: 'File Content',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ b64: Buffer.from(bytes).toString('base64') }) },
		},
		{
			name: 'To File',
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			parameters: { operation: 'toBinary', sourceProperty: 'b64', binaryPropertyName: 'data', options: { fileName, mimeType } },
		},
	];
}

module.exports = { chain, triggered, thinkeo, thinkeoTrigger, items, file };
