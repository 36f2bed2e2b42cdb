import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonParameter } from '../../shared/json';
import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';
import { thinkeoRequest } from '../../shared/request';

/** The documented BlockKind enum. */
export const blockKindOptions: INodePropertyOptions[] = [
	{ name: 'AI', value: 'ai', description: 'Generates text with an AI model (data: model, systemPrompt, temperature…)' },
	{ name: 'AI Beta', value: 'aiBeta' },
	{ name: 'API Call', value: 'apiCall' },
	{ name: 'Choice', value: 'choice' },
	{ name: 'Conditional', value: 'conditional', description: 'Runs its children only when an attribute is assigned' },
	{ name: 'File Beta', value: 'fileBeta' },
	{ name: 'Group', value: 'group', description: 'Joins its children, in order' },
	{ name: 'Image', value: 'image' },
	{ name: 'Paragraph', value: 'paragraph', description: 'A piece of text' },
	{ name: 'PowerPoint', value: 'ppt', description: 'PowerPoint export' },
	{ name: 'RAG', value: 'rag', description: 'Retrieval-augmented generation over files' },
	{ name: 'Word', value: 'word', description: 'Word export' },
];

/**
 * A block's `data` with its `kind`. Documented: `data` is a oneOf discriminated by `kind`. INFERRED: the
 * discriminator is the block's own kind, so it is filled in when the JSON leaves it out.
 */
export function dataWithKind(this: IExecuteSingleFunctions, data: unknown, kind: unknown): IDataObject {
	if (!data || typeof data !== 'object' || Array.isArray(data)) {
		throw new NodeOperationError(this.getNode(), 'Data (JSON): expected a JSON object such as {"text": "…"}', {
			itemIndex: this.getItemIndex(),
		});
	}
	return { kind: kind as string, ...(data as IDataObject) };
}

async function sendData(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const data = parseJsonParameter.call(this, 'additionalFields.data', 'Data (JSON)', null);
	if (data === null || data === undefined) return requestOptions;
	const body = requestOptions.body as IDataObject;
	return { ...requestOptions, body: { ...body, data: dataWithKind.call(this, data, body.kind) } };
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
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			routing: { send: { type: 'body', property: 'name' } },
		},
		{
			displayName: 'Kind',
			name: 'kind',
			type: 'options',
			default: 'paragraph',
			required: true,
			options: blockKindOptions,
			description: 'What the block does',
			routing: { send: { type: 'body', property: 'kind' } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Data (JSON)',
					name: 'data',
					type: 'json',
					default: '{}',
					description:
						'Settings of the block as Thinkeo stores them, e.g. {"text": "…"} for a paragraph or {"model": "gpt-4o-mini", "systemPrompt": "…"} for an AI block. "kind" is added when missing.',
				},
				{
					...idLocator({
						name: 'parentId',
						label: 'Parent Block',
						searchListMethod: 'searchBlocks',
						description: 'Block to add the new block to as a child, e.g. a group',
						required: false,
					}),
				},
				{
					displayName: 'Position in Parent',
					name: 'position',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 0 },
					default: 0,
					description: 'Index among the parent’s children, starting at 0. Without it the block goes last.',
				},
			],
		},
	],
});
