import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../operationKit/locators';

/** An attribute ID field: the attribute Get, Update and Delete act on, or the one an assignment is for. */
export const attributeLocator = (description?: string): INodeProperties =>
	idLocator({ name: 'attributeId', label: 'Attribute', searchListMethod: 'searchAttributes', description });

/*
 * The optional settings of an attribute, offered by Create (Additional Fields) and Update (Update Fields).
 * INFERRED: `icon` and `values` come from the reference's Attribute schema; `multiple` from the seeded Apps'
 * attributes. Anything else goes in Additional Body (JSON).
 */

export const iconOption: INodeProperties = {
	displayName: 'Icon',
	name: 'icon',
	type: 'string',
	default: '',
	description: 'Icon shown next to the attribute in Thinkeo',
	routing: { send: { type: 'body', property: 'icon' } },
};

export const multipleOption: INodeProperties = {
	displayName: 'Multiple Values',
	name: 'multiple',
	type: 'boolean',
	default: false,
	description: 'Whether the attribute takes several values',
	routing: { send: { type: 'body', property: 'multiple' } },
};

export const valuesOption = (description: string): INodeProperties => ({
	displayName: 'Values',
	name: 'values',
	type: 'string',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Value' },
	default: [],
	description,
	routing: { send: { type: 'body', property: 'values' } },
});
