import { additionalBodyField, additionalFields, emailField, sendAdditionalBody } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { secretField, withoutPasswords } from './fields';

export const register = defineOperation({
	value: 'register',
	publicEndpoint: true,
	name: 'Register',
	action: 'Register a new account',
	description:
		'Create a Thinkeo account with an email and password and return it; Thinkeo then emails a token for Confirm (POST /auth/register)',
	// INFERRED: body {email, password} as in the reference, plus `name` and the optional JSON (the body is open).
	routing: {
		request: { method: 'POST', url: '/auth/register' },
		send: { preSend: [sendAdditionalBody] },
		output: { postReceive: [withoutPasswords] },
	},
	fields: [
		emailField('Email address of the new account'),
		secretField('password', 'Password', 'Password of the new account', 'password'),
		additionalFields([
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Name of the person the account is for',
				routing: { send: { type: 'body', property: 'name' } },
			},
		]),
		additionalBodyField,
	],
});
