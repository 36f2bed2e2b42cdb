import type { INodeProperties } from 'n8n-workflow';

import { attributeLocator } from '../attribute/fields';

/** Fields shared by Create and Update: the BlockAssignment's attribute and value, sent in the body. */

export const assignedAttribute = (description: string): INodeProperties => ({
	...attributeLocator(description),
	routing: { send: { type: 'body', property: 'attributeId' } },
});

export const valueField = (description: string): INodeProperties => ({
	displayName: 'Value',
	name: 'value',
	type: 'string',
	default: '',
	required: true,
	description,
	routing: { send: { type: 'body', property: 'value' } },
});
