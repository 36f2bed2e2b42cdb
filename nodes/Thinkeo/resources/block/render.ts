import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { addAssembledDocument } from '../../shared/document';
import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';
import { collectAttributes, createPublication } from '../publication/create';

/** The attribute inputs of Publication → Create (fields or JSON), read by the same collectAttributes. */
const ATTRIBUTE_FIELDS = ['attributesInput', 'attributes', 'attributesJson'];
const attributeFields = createPublication.fields.filter((field) => ATTRIBUTE_FIELDS.includes(field.name));

async function sendAttributes(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const body = { ...(requestOptions.body as IDataObject), attributes: collectAttributes.call(this) };
	return { ...requestOptions, body };
}

export const renderBlock = defineOperation({
	value: 'render',
	name: 'Render',
	action: 'Render a block',
	description:
		'Run a block and the blocks under it with attribute values, like generating a publication from that block. Returns the publication ID, the rendered blocks and `document`, the assembled HTML (POST /blocks/{blockId}/render).',
	routing: {
		// INFERRED: the reference shows the body of POST /publications and a `stream` switch; the node always asks
		// for the non-streamed RenderOutput (stream=false), the DTO that POST /publications also returns.
		request: { method: 'POST', url: '/blocks/{blockId}/render', qs: { stream: false } },
		send: { preSend: [sendAttributes] },
		output: { postReceive: [addAssembledDocument] },
	},
	fields: [
		idLocator({ name: 'blockId', label: 'Block', searchListMethod: 'searchBlocks', description: 'The block to render' }),
		...attributeFields,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					...idLocator({
						name: 'app',
						label: 'App',
						searchListMethod: 'searchApps',
						description: 'App whose settings the block runs with; the result is then kept as a publication of that App',
						required: false,
					}),
					// INFERRED: `app` and `version` are query parameters, as on POST /publications.
					routing: { send: { type: 'query', property: 'app' } },
				},
				{
					displayName: 'Version',
					name: 'version',
					type: 'string',
					default: 'latest',
					description: 'Version of the App: latest, preview or a version number. Only used with App.',
					routing: { send: { type: 'query', property: 'version' } },
				},
				{
					displayName: 'Fast Pass',
					name: 'fastPass',
					type: 'boolean',
					default: false,
					description: 'Whether to skip expensive blocks (AI, exports) for a quicker, partial result',
					routing: { send: { type: 'body', property: 'fastPass' } },
				},
				{
					displayName: 'Seed',
					name: 'seed',
					type: 'number',
					typeOptions: { numberPrecision: 0 },
					default: 0,
					description: 'Seed for reproducible results (AI blocks stay non-deterministic)',
					routing: { send: { type: 'body', property: 'seed' } },
				},
			],
		},
	],
});
