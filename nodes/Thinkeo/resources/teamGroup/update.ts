import { additionalBodyField, sendAdditionalBody, updateFields } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { groupDescriptionOption, groupLocator } from './fields';

export const updateTeamGroup = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a user group',
	description: 'Rename a user group or change its description; returns the updated group (PUT /teams/groups/{groupId})',
	// INFERRED: the body is open in the reference; the node sends the changed {name, description} plus the JSON.
	routing: {
		request: { method: 'PUT', url: '/teams/groups/{groupId}' },
		send: { preSend: [sendAdditionalBody] },
	},
	fields: [
		groupLocator(),
		updateFields([
			groupDescriptionOption,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the group, unique in the team',
				routing: { send: { type: 'body', property: 'name' } },
			},
		]),
		additionalBodyField,
	],
});
