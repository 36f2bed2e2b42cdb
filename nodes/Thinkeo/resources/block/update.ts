import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { updateFields } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { thinkeoRequest } from '../../transport/request';
import { blockLocator, dataField, kindField, readBlockData } from './fields';

/**
 * INFERRED: the reference gives PUT /blocks/{id} the whole Block as its body (name, kind, data, children,
 * assignments…), so the node reads the block first and sends it back with the requested changes: fields left
 * empty keep their current values instead of being wiped.
 */
async function sendUpdatedBlock(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const id = this.getNodeParameter('blockId', '', { extractValue: true }) as string;
	const current = (await thinkeoRequest.call(this, `reading block ${id} before updating it`, {
		method: 'GET',
		url: `/blocks/${encodeURIComponent(id)}`,
	})) as IDataObject;
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = { ...current };
	if (typeof fields.name === 'string' && fields.name !== '') body.name = fields.name;
	const kindChanged = typeof fields.kind === 'string' && fields.kind !== '' && fields.kind !== current.kind;
	if (kindChanged) body.kind = fields.kind;
	const data = readBlockData.call(this, 'updateFields.data', body.kind);
	if (data !== undefined) {
		body.data = data;
	} else if (kindChanged && current.data && typeof current.data === 'object') {
		body.data = { ...(current.data as IDataObject), kind: body.kind };
	}
	return { ...requestOptions, body };
}

export const updateBlock = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a block',
	description:
		'Rename a block, change its kind or replace its data; other properties (children, assignments) are kept. Returns the updated block (GET then PUT /blocks/{blockId}).',
	routing: {
		request: { method: 'PUT', url: '/blocks/{blockId}' },
		send: { preSend: [sendUpdatedBlock] },
	},
	fields: [
		blockLocator('The block to update'),
		updateFields([
			dataField(
				'New settings of the block, replacing the current ones, e.g. {"text": "…"} for a paragraph. "kind" is added when missing.',
			),
			kindField(),
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
			},
		]),
	],
});
