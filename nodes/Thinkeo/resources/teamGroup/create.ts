import { mergeJsonIntoBody } from '../../shared/json';
import { defineOperation } from '../../shared/operation';

export const createTeamGroup = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a user group',
	description: 'Create a user group in the current team and return it with its ID (POST /teams/groups)',
	// INFERRED: the reference leaves the body open; the node sends {name, description} plus the optional JSON.
	routing: {
		request: { method: 'POST', url: '/teams/groups' },
		send: { preSend: [mergeJsonIntoBody('additionalJson', 'Additional Body (JSON)')] },
	},
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description: 'Name of the group, unique in the team',
			routing: { send: { type: 'body', property: 'name' } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
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
