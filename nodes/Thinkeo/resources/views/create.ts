import type { ThinkeoOperation } from '../../operationKit/builder';
import { defineOperation } from '../../operationKit/builder';
import { additionalBodyField, requiredNameField, sendAdditionalBody } from '../../operationKit/fields';
import { jsonBodyProperty } from '../../operationKit/json';
import type { ViewCollection } from './fields';
import { aView, filterField, viewsPath } from './fields';

export const createView = (views: ViewCollection): ThinkeoOperation =>
	defineOperation({
		value: 'create',
		name: 'Create',
		action: `Create ${aView(views)}`,
		description: `Save a filtered view of ${views.noun}s under a name and return it with its ID (POST ${viewsPath(views)})`,
		routing: {
			request: { method: 'POST', url: viewsPath(views) },
			send: { preSend: [jsonBodyProperty('filter', 'filter', 'Filter (JSON)'), sendAdditionalBody] },
		},
		fields: [
			requiredNameField(),
			filterField(views),
			additionalBodyField,
		],
	});
