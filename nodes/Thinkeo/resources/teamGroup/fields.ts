import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	PreSendAction,
} from 'n8n-workflow';

import { inputError } from '../../transport/inputError';
import { idLocator, isUuid } from '../../operationKit/locators';

/**
 * preSend for the "add several" operations of groups: reads a list of IDs (comma, space or line separated text,
 * or an array from an expression), checks each is a UUID and sends them as one array body property.
 */
export function idListBody(parameter: string, label: string, noun: string, bodyProperty: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const fail = (message: string) => inputError(this.getNode(), message, { itemIndex: this.getItemIndex() });
		const raw = this.getNodeParameter(parameter, '') as unknown;
		const entries = (Array.isArray(raw) ? raw : String(raw ?? '').split(/[\s,;]+/))
			.map((entry) => (typeof entry === 'string' || typeof entry === 'number' ? String(entry).trim() : JSON.stringify(entry)))
			.filter((entry) => entry !== '');
		if (entries.length === 0) throw fail(`${label}: give at least one ${noun} ID`);
		const invalid = entries.filter((entry) => !isUuid(entry));
		if (invalid.length > 0) {
			throw fail(
				`${label}: ${invalid.map((entry) => `"${entry}"`).join(', ')} ${invalid.length > 1 ? 'are not valid' : 'is not a valid'} ${noun} ID${invalid.length > 1 ? 's' : ''} (expected UUIDs such as 0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b)`,
			);
		}
		const ids = [...new Set(entries.map((entry) => entry.toLowerCase()))];
		return { ...requestOptions, body: { ...((requestOptions.body as IDataObject) ?? {}), [bodyProperty]: ids } };
	};
}

/** The list of IDs that `idListBody` reads, as comma-separated text or an array from an expression. */
export const idListField = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b, 0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6c',
	description,
});

/** The group every operation but Get Many and Create acts on. */
export const groupLocator = () =>
	idLocator({ name: 'groupId', label: 'Group', searchListMethod: 'searchTeamGroups', description: 'The user group of the team' });

/** The optional description of a group, offered by Create (Additional Fields) and Update (Update Fields). */
export const groupDescriptionOption: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'What the group is for',
	routing: { send: { type: 'body', property: 'description' } },
};
