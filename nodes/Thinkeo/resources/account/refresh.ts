import { defineOperation } from '../../operationKit/builder';
import { secretField } from './fields';

export const refreshSession = defineOperation({
	value: 'refresh',
	publicEndpoint: true,
	name: 'Refresh Session',
	action: 'Refresh a session',
	description:
		'Exchange the refreshToken of a session (from Login) for a new session and return its accessToken and refreshToken; the old refreshToken stops working (POST /auth/refresh)',
	// INFERRED: body {refreshToken} → {accessToken, refreshToken}, as in the reference.
	routing: {
		request: { method: 'POST', url: '/auth/refresh' },
	},
	fields: [secretField('refreshToken', 'Refresh Token', 'The refreshToken returned by Login or by the last refresh', 'refreshToken')],
});
