import { mergeJsonIntoBody } from '../../shared/json';
import { defineOperation } from '../../shared/operation';
import { groupLocator } from './fields';

export const updateTeamGroup = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a user group',
	description: 'Rename a user group or change its description; returns the updated group (PUT /teams/groups/{groupId})',
	// INFERRED: the body is open in the reference; the node sends the changed {name, description} plus the JSON.
	routing: {
		request: { method: 'PUT', url: '/teams/groups/{groupId}' },
		send: { preSend: [mergeJsonIntoBody('additionalJson', 'Additional Body (JSON)')] },
	},
	fields: [
		groupLocator(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'What the group is for',
					routing: { send: { type: 'body', property: 'description' } },
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'New name of the group, unique in the team',
					routing: { send: { type: 'body', property: 'name' } },
				},
			],
		},
		{
			displayName: 'Additional Body (JSON)',
			name: 'additionalJson',
			type: 'json',
			default: '{}',
			description: 'Other properties of the group to send, for fields this node has no parameter for',
		},
	],
});
