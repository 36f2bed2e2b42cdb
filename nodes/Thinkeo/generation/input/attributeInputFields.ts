import type { INodeProperties } from 'n8n-workflow';

/**
 * The editor fields of the attribute values a generation runs with, read by sendAttributes (attributeInput.ts):
 * Attributes Input, the mapper by name, By ID and JSON, Files From Binary Data, and the generation Options.
 */

const BY_ID_FIELDS: INodeProperties[] = [
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
						description: 'Text, number or date as text; for a File attribute, a public URL or one returned by Attachment → Upload',
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

/** Publication → Create: attributes mapped by name (default), by ID or as JSON, and files from binary fields. */
export const attributeInputByNameFields: INodeProperties[] = [
	{
		displayName: 'Attributes Input',
		name: 'attributesInput',
		type: 'options',
		default: 'mapper',
		options: [
			{ name: 'Map by Name', value: 'mapper', description: 'Fill in the App’s attributes by name, with their types' },
			{ name: 'By ID (Manual)', value: 'fields', description: 'Attribute IDs and values, for Apps you cannot list' },
			{ name: 'Using JSON', value: 'json', description: 'An object of attribute ID → value(s)' },
		],
	},
	{
		displayName: 'Attributes',
		name: 'attributeValues',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description:
			'Values for the App’s attributes, by name; empty ones are not sent. A list (e.g. an array from the input item) gives an attribute several values. Flags are sent once added with "Add attribute".',
		displayOptions: { show: { attributesInput: ['mapper'] } },
		typeOptions: {
			loadOptionsDependsOn: ['appId.value'],
			resourceMapper: {
				resourceMapperMethod: 'getAttributeColumns',
				mode: 'add',
				fieldWords: { singular: 'attribute', plural: 'attributes' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				// No App chosen or an App without attributes is not an error: the notice from getAttributeColumns says so.
				hideNoDataError: true,
			},
		},
	},
	...BY_ID_FIELDS,
	{
		displayName: 'Files From Binary Data',
		name: 'files',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add File',
		default: {},
		description: 'Files of this item to upload and put in File attributes, in the same step. Public URLs can be mapped above instead.',
		options: [
			{
				displayName: 'File',
				name: 'file',
				values: [
					{
						displayName: 'File Attribute Name or ID',
						name: 'attribute',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getFileAttributes', loadOptionsDependsOn: ['appId.value'] },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						hint: 'The File attribute to fill; an expression may also give its name',
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the input binary field holding the file; several names separated by commas give several files',
					},
				],
			},
		],
	},
];

/** Block → Render: attributes by ID or as JSON (the block alone does not tell which App's attributes apply). */
export const attributeInputByIdFields: INodeProperties[] = [
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
	...BY_ID_FIELDS,
];

/** Generation settings sent in the body (as POST /publications documents them), for the Options collection. */
export const generationOptions: INodeProperties[] = [
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
