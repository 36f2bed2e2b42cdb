import { defineOperation } from '../../operationKit/builder';

export const getMe = defineOperation({
	value: 'getMe',
	name: 'Get Me',
	action: 'Get the current user',
	description:
		'Get the profile of the user behind the credential (the account that created its API token): ID, email, name and settings (GET /users/me)',
	// INFERRED: GET; the profile's shape is not documented and is passed through as it is.
	routing: { request: { method: 'GET', url: '/users/me' } },
	fields: [],
});
