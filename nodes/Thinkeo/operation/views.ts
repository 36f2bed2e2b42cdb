import type { INodeProperties } from 'n8n-workflow';

import { additionalBodyField, returnAllAndLimit, sendAdditionalBody, updateFields } from './fields';
import { jsonBodyProperty } from './json';
import { idLocator } from './locators';
import { deleteRouting } from './items';
import type { ThinkeoOperation } from './builder';
import { defineOperation } from './builder';

/**
 * Saved filtered views exist for attributes, blocks and publications with the same five endpoints
 * (list, create, get, update, delete under `<collection>/views`), so their operations are made here once.
 * INFERRED: methods and the `{name, filter}` body follow the reference's View schema.
 */
export interface ViewCollection {
	/** e.g. `/attributes` */
	basePath: string;
	/** e.g. `attribute`, used in texts */
	noun: string;
	searchListMethod: string;
}

const viewLocator = (views: ViewCollection, required = true): INodeProperties =>
	idLocator({
		name: 'viewId',
		label: 'View',
		searchListMethod: views.searchListMethod,
		description: `The saved ${views.noun} view`,
		required,
	});

const filterField = (views: ViewCollection): INodeProperties => ({
	displayName: 'Filter (JSON)',
	name: 'filter',
	type: 'json',
	default: '{}',
	description: `Filter of the view as Thinkeo stores it, a JSON object over ${views.noun} fields`,
});

export function viewOperations(views: ViewCollection): ThinkeoOperation[] {
	const path = `${views.basePath}/views`;
	const item = `${path}/{viewId}`;
	const aView = `${/^[aeiou]/.test(views.noun) ? 'an' : 'a'} ${views.noun} view`;
	return [
		defineOperation({
			value: 'create',
			name: 'Create',
			action: `Create ${aView}`,
			description: `Save a filtered view of ${views.noun}s under a name and return it with its ID (POST ${path})`,
			routing: {
				request: { method: 'POST', url: path },
				send: { preSend: [jsonBodyProperty('filter', 'filter', 'Filter (JSON)'), sendAdditionalBody] },
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
				filterField(views),
				additionalBodyField,
			],
		}),
		defineOperation({
			value: 'get',
			name: 'Get',
			action: `Get ${aView}`,
			description: `Get one saved ${views.noun} view with its name and filter (GET ${item})`,
			routing: { request: { method: 'GET', url: item } },
			fields: [viewLocator(views)],
		}),
		defineOperation({
			value: 'getMany',
			name: 'Get Many',
			action: `Get many ${views.noun} views`,
			description: `List the saved ${views.noun} views of the team, one item per view with its ID, name and filter (GET ${path})`,
			routing: { request: { method: 'GET', url: path } },
			fields: returnAllAndLimit(),
		}),
		defineOperation({
			value: 'update',
			name: 'Update',
			action: `Update ${aView}`,
			description: `Rename a saved ${views.noun} view or change its filter; returns the updated view (PUT ${item})`,
			routing: {
				request: { method: 'PUT', url: item },
				send: { preSend: [jsonBodyProperty('updateFields.filter', 'filter', 'Filter (JSON)'), sendAdditionalBody] },
			},
			fields: [
				viewLocator(views),
				updateFields([
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						routing: { send: { type: 'body', property: 'name' } },
					},
					filterField(views),
				]),
				additionalBodyField,
			],
		}),
		defineOperation({
			value: 'delete',
			name: 'Delete',
			action: `Delete ${aView}`,
			description: `Delete a saved ${views.noun} view; outputs deleted: true with the ID (DELETE ${item})`,
			routing: deleteRouting(item, 'viewId'),
			fields: [viewLocator(views)],
		}),
	];
}
