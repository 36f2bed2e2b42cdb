import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { additionalFields, requiredNameField } from '../../operationKit/fields';
import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';
import { thinkeoRequest } from '../../transport/request';
import { dataField, kindField, readBlockData } from './fields';

async function sendData(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const body = (requestOptions.body ?? {}) as IDataObject;
	const data = readBlockData.call(this, 'additionalFields.data', body.kind);
	if (data === undefined) return requestOptions;
	return { ...requestOptions, body: { ...body, data } };
}

/**
 * INFERRED: the Block schema has no parent field, so a parent is set the way the reference does it, with
 * PUT /blocks/{parent}/children/{new block} once the block exists (optional body {position}, as in Attach Child).
 */
async function attachToParent(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const parentId = this.getNodeParameter('additionalFields.parentId', '', { extractValue: true }) as string;
	if (!parentId) return items;
	const position = this.getNodeParameter('additionalFields.position', null) as number | null;
	for (const item of items) {
		const id = String(item.json.id ?? '');
		await thinkeoRequest.call(this, `attaching the new block ${id} to its parent ${parentId}`, {
			method: 'PUT',
			url: `/blocks/${encodeURIComponent(parentId)}/children/${encodeURIComponent(id)}`,
			body: position === null ? undefined : { position },
		});
	}
	return items;
}

export const createBlock = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a block',
	description:
		'Create a block (paragraph, group, AI, Word…) with a name, a kind and optional data, optionally as the child of a parent block. Returns the new block with its ID (POST /blocks).',
	routing: {
		request: { method: 'POST', url: '/blocks' },
		send: { preSend: [sendData] },
		output: { postReceive: [attachToParent] },
	},
	fields: [
		requiredNameField(),
		kindField({
			required: true,
			description: 'What the block does',
			routing: { send: { type: 'body', property: 'kind' } },
		}),
		additionalFields([
			dataField(
				'Settings of the block as Thinkeo stores them, e.g. {"text": "…"} for a paragraph or {"model": "gpt-4o-mini", "systemPrompt": "…"} for an AI block. "kind" is added when missing.',
			),
			idLocator({
				name: 'parentId',
				label: 'Parent Block',
				searchListMethod: 'searchBlocks',
				description: 'Block to add the new block to as a child, e.g. a group',
				required: false,
			}),
			{
				displayName: 'Position in Parent',
				name: 'position',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'Index among the parent’s children, starting at 0. Without it the block goes last.',
			},
		]),
	],
});
