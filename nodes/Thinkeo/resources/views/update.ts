import type { ThinkeoOperation } from '../../operationKit/builder';
import { defineOperation } from '../../operationKit/builder';
import { additionalBodyField, sendAdditionalBody, updateFields } from '../../operationKit/fields';
import { jsonBodyProperty } from '../../operationKit/json';
import type { ViewCollection } from './fields';
import { aView, filterField, viewLocator, viewPath } from './fields';

export const updateView = (views: ViewCollection): ThinkeoOperation =>
	defineOperation({
		value: 'update',
		name: 'Update',
		action: `Update ${aView(views)}`,
		description: `Rename a saved ${views.noun} view or change its filter; returns the updated view (PUT ${viewPath(views)})`,
		routing: {
			request: { method: 'PUT', url: viewPath(views) },
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
	});
