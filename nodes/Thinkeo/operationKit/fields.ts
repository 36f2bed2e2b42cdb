import type { INodeProperties, PreSendAction } from 'n8n-workflow';

import { mergeJsonIntoBody } from './json';

/** Every field of an operation with its parameter path (`limit`, `additionalFields.expiration`), collections walked. */
export function fieldPaths(fields: INodeProperties[], prefix = ''): Array<{ path: string; field: INodeProperties }> {
	return fields.flatMap((field) =>
		field.type === 'collection'
			? fieldPaths((field.options ?? []) as INodeProperties[], `${prefix}${field.name}.`)
			: [{ path: `${prefix}${field.name}`, field }],
	);
}

/**
 * Return All + Limit for list operations. Thinkeo's list endpoints answer with the whole array,
 * so Limit trims the output after the response.
 */
export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
			routing: { output: { maxResults: '={{ $value }}' } },
		},
	];
}

/** An email address typed into the node, sent as the body's `email`. */
export const emailField = (description: string): INodeProperties => ({
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	required: true,
	description,
	routing: { send: { type: 'body', property: 'email' } },
});

/** The required name of a record the operation creates, sent as the body's `name`. */
export const requiredNameField = (description?: string): INodeProperties => ({
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	...(description === undefined ? {} : { description }),
	routing: { send: { type: 'body', property: 'name' } },
});

function collection(displayName: string, name: string, placeholder: string, options: INodeProperties[]): INodeProperties {
	return { displayName, name, type: 'collection', placeholder, default: {}, options };
}

/** Options of an operation, under "Options". */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return collection('Options', 'options', 'Add Option', options);
}

/** The optional fields of a create (or any) operation, under "Additional Fields". */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return collection('Additional Fields', 'additionalFields', 'Add Field', options);
}

/** The fields an update operation may change, under "Update Fields"; only those set are sent. */
export function updateFields(options: INodeProperties[]): INodeProperties {
	return collection('Update Fields', 'updateFields', 'Add Field', options);
}

/** Filter fields of a list operation, under "Filters". */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return collection('Filters', 'filters', 'Add Filter', options);
}

/**
 * The JSON escape hatch of operations with an open body: properties the node has no field for, merged into the
 * body by `sendAdditionalBody` (the fields set by other parameters win).
 */
export const additionalBodyField: INodeProperties = {
	displayName: 'Additional Body (JSON)',
	name: 'additionalJson',
	type: 'json',
	default: '{}',
	description: 'Other properties to send in the request body, for fields this node has no parameter for',
};

/** preSend of `additionalBodyField`. */
export const sendAdditionalBody: PreSendAction = mergeJsonIntoBody('additionalJson', 'Additional Body (JSON)');
