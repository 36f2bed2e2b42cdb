import { defineOperation } from '../../operationKit/builder';

export const createTeam = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a team',
	description: 'Create a new Thinkeo team with the given name; returns the team with its ID (POST /teams)',
	// INFERRED: the reference assumes POST (the sidebar shows a second /teams entry) with the JSON body {name}.
	routing: { request: { method: 'POST', url: '/teams' } },
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description: 'Name of the new team',
			routing: { send: { type: 'body', property: 'name' } },
		},
	],
});
