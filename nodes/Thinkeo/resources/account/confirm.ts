import { defineOperation } from '../../operationKit/builder';
import { secretField } from './fields';

export const confirmAccount = defineOperation({
	value: 'confirm',
	publicEndpoint: true,
	name: 'Confirm',
	action: 'Confirm an account',
	description:
		'Confirm a newly registered account with the token from its confirmation email; returns the confirmed account (PUT /auth/confirm)',
	// INFERRED: the reference leaves the body open; the node sends {token}.
	routing: {
		request: { method: 'PUT', url: '/auth/confirm' },
	},
	fields: [secretField('token', 'Confirmation Token', 'The token from the confirmation email', 'token')],
});
