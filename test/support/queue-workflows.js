// Workflows started by a production webhook, as queue mode runs them: the main receives the call, a worker executes.
// Shared by the queue-mode tests (test/queue/) and the queue-mode benchmark (scripts/bench-queue.mjs).
const { thinkeo, triggered } = require('./workflows');

/** A Webhook node (version 2) answering POST /webhook/`path` as soon as the call is received. */
function webhook(path) {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `thinkeo-${path}`,
		parameters: { httpMethod: 'POST', path, options: {} },
	};
}

/**
 * Webhook → Code (`count` items) → Thinkeo Team → Get Current, named "Get Team". With Continue On Fail an item that
 * fails becomes an item with an `error`, so a run's items can all be counted.
 */
function webhookItems(id, path, count, credential) {
	return triggered(id, `${count} items per call`, [
		webhook(path),
		{
			name: 'Make Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { i } }));` },
		},
		thinkeo('Get Team', credential, { resource: 'team', operation: 'getCurrent' }, { onError: 'continueRegularOutput' }),
	]);
}

module.exports = { webhook, webhookItems };
