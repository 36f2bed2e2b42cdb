import { defineOperation } from '../../operationKit/builder';
import { secretField } from './fields';

export const logout = defineOperation({
	value: 'logout',
	name: 'Logout',
	action: 'Log out of a session',
	description:
		"End a session started by Login, given its refreshToken, so its access and refresh tokens stop working. Returns Thinkeo's answer, or success: true when it is empty (POST /auth/logout).",
	// INFERRED: the reference shows no body. The node always authenticates with the credential's own token, so it
	// names the session to end by sending {refreshToken} in the body.
	routing: { request: { method: 'POST', url: '/auth/logout' } },
	fields: [secretField('refreshToken', 'Refresh Token', 'The refreshToken of the session to end', 'refreshToken')],
});
