import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonParameter } from '../../shared/json';
import { idLocator, isUuid } from '../../shared/locators';

/** Fields and helpers shared by the Publication operations, and by Block → Render, which generates the same way. */

/** The publication an operation acts on. */
export const publicationLocator = (): INodeProperties =>
	idLocator({ name: 'publicationId', label: 'Publication', searchListMethod: 'searchPublications' });

type AttributeValues = Record<string, string[]>;

function toValueList(value: unknown): string[] | undefined {
	const list = Array.isArray(value) ? value : [value];
	if (list.some((entry) => entry === null || entry === undefined || typeof entry === 'object')) return undefined;
	return list.map(String);
}

/** Builds the documented `attributes` map (attribute UUID → list of strings) from either input mode. */
function collectAttributes(this: IExecuteSingleFunctions): AttributeValues {
	const fail = (message: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex: this.getItemIndex() });
	const attributes: AttributeValues = {};
	const add = (label: string, id: string, value: unknown) => {
		if (!isUuid(id)) throw fail(`${label}: "${id}" is not a valid attribute ID (expected a UUID)`);
		const values = toValueList(value);
		if (!values) throw fail(`${label}: the value of attribute ${id} must be a string or a list of strings`);
		(attributes[id] ??= []).push(...values);
	};

	if (this.getNodeParameter('attributesInput', 'fields') === 'json') {
		const parsed = parseJsonParameter.call(this, 'attributesJson', 'Attributes (JSON)');
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw fail('Attributes (JSON): expected an object mapping attribute IDs to values, e.g. {"<attribute id>": ["value"]}');
		}
		for (const [id, value] of Object.entries(parsed)) add('Attributes (JSON)', id, value);
		return attributes;
	}
	const entries = this.getNodeParameter('attributes.attribute', []) as IDataObject[];
	for (const { attributeId, value } of entries) add('Attributes', String(attributeId ?? '').trim(), value);
	return attributes;
}

/** preSend setting the body's `attributes` from the attribute inputs. */
export async function sendAttributes(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const body = { ...(requestOptions.body as IDataObject), attributes: collectAttributes.call(this) };
	return { ...requestOptions, body };
}

/** The attribute values to generate with, as fields or as JSON; read by `collectAttributes`. */
export function attributeInputFields(): INodeProperties[] {
	return [
		{
			displayName: 'Attributes Input',
			name: 'attributesInput',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Using Fields Below', value: 'fields' },
				{ name: 'Using JSON', value: 'json' },
			],
		},
		{
			displayName: 'Attributes',
			name: 'attributes',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Attribute Value',
			default: {},
			description: 'Values for the App’s attributes. Repeat an attribute ID to give it several values.',
			displayOptions: { show: { attributesInput: ['fields'] } },
			options: [
				{
					displayName: 'Attribute',
					name: 'attribute',
					values: [
						{
							displayName: 'Attribute ID',
							name: 'attributeId',
							type: 'string',
							default: '',
							placeholder: 'e.g. 60f8bec0-57a1-41ae-b9b7-5d635cfabe4c',
							description: 'UUID of the attribute, shown in the Thinkeo Attribute Editor',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Text, number or date as text; for a File attribute, the URL returned by Attachment → Upload',
						},
					],
				},
			],
		},
		{
			displayName: 'Attributes (JSON)',
			name: 'attributesJson',
			type: 'json',
			default: '{}',
			description: 'Object mapping attribute IDs to a value or a list of values, e.g. {"60f8bec0-…": ["apple", "banana"]}',
			displayOptions: { show: { attributesInput: ['json'] } },
		},
	];
}

/** Generation settings sent in the body (as POST /publications documents them), for Additional Fields. */
export function generationOptions(): INodeProperties[] {
	return [
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
	];
}
