import type { IDataObject, IExecuteSingleFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { inputError } from '../../transport/inputError';
import { parseJsonParameter } from '../../operationKit/json';
import { idLocator } from '../../operationKit/locators';

/** Fields and helpers shared by the Block operations. */

/** The block an operation acts on (`blockId`); `description` says its role, e.g. "The parent block". */
export const blockLocator = (description: string): INodeProperties =>
	idLocator({ name: 'blockId', label: 'Block', searchListMethod: 'searchBlocks', description });

/** The child block of Attach Child and Detach Child. */
export const childBlockLocator = (description: string): INodeProperties =>
	idLocator({ name: 'childId', label: 'Child Block', searchListMethod: 'searchBlocks', description });

/** The documented BlockKind enum. */
const blockKindOptions: INodePropertyOptions[] = [
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

/** The block's kind, one of the BlockKind values; `extra` adds what an operation needs (required, routing…). */
export const kindField = (extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Kind',
	name: 'kind',
	type: 'options',
	default: 'paragraph',
	options: blockKindOptions,
	...extra,
});

/** The block's `data` as JSON, read by `readBlockData`. */
export const dataField = (description: string): INodeProperties => ({
	displayName: 'Data (JSON)',
	name: 'data',
	type: 'json',
	default: '{}',
	description,
});

/**
 * A block's `data` with its `kind`. Documented: `data` is a oneOf discriminated by `kind`. INFERRED: the
 * discriminator is the block's own kind, so it is filled in when the JSON leaves it out.
 */
function dataWithKind(this: IExecuteSingleFunctions, data: unknown, kind: unknown): IDataObject {
	if (!data || typeof data !== 'object' || Array.isArray(data)) {
		throw inputError(this.getNode(), 'Data (JSON): expected a JSON object such as {"text": "…"}', {
			itemIndex: this.getItemIndex(),
		});
	}
	return { kind: kind as string, ...(data as IDataObject) };
}

/** The `data` to send from the Data (JSON) parameter at `parameter`, with `kind`; undefined when it is not set. */
export function readBlockData(this: IExecuteSingleFunctions, parameter: string, kind: unknown): IDataObject | undefined {
	const data = parseJsonParameter.call(this, parameter, 'Data (JSON)', null);
	if (data === null || data === undefined) return undefined;
	return dataWithKind.call(this, data, kind);
}
