import { filtersCollection } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { queryFields, queryRouting } from '../../operationKit/pagination';
import { QUERY_PAGING } from '../../transport/paging';
import { simplifyField, simplifyItems } from '../../simplify/option';
import { simpleApp } from '../../simplify/records';

// INFERRED: the query body is an open filter object; the node offers `name` (part of the name) and `archived`, the
// filters the platform shows, and merges Filters (JSON) for anything else. Paging is the shared limit/offset.
export const getManyApps = defineOperation({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many apps',
	description:
		'List or search the Apps of the team with their IDs, names and latest versions; archived Apps only when asked for; with Simplify, ID, name, description and latest version only (POST /apps/query)',
	routing: { ...queryRouting('/apps/query'), output: { postReceive: [simplifyItems(simpleApp)] } },
	paging: QUERY_PAGING,
	fields: queryFields('Other filter properties to send in the query body, as a JSON object', [
		filtersCollection([
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only Apps whose name contains this text',
				routing: { send: { type: 'body', property: 'name' } },
			},
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description: 'Whether to list archived Apps instead of active ones',
				routing: { send: { type: 'body', property: 'archived' } },
			},
		]),
		simplifyField,
	]),
});
