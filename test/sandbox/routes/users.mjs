// Users: the profile of the account behind the Bearer token (a team token acts for the account that created it;
// a session token from /auth/login for the account that logged in). Inferred shape:
// {id, email, name, language, createdAt, updatedAt}; the password is never part of it.
import { ApiError, jsonReply, readJsonObject } from '../http-utils.mjs';
import { allowOnly, profileOf, stringProperty, userView } from '../team-data.mjs';

const LANGUAGES = ['en', 'fr', 'de', 'es', 'it'];

function me(store, principal) {
	if (!principal.account) throw new ApiError(401, 'This token is not bound to a user account');
	return profileOf(store, principal.account);
}

function getMe({ store, principal }) {
	return jsonReply(userView(me(store, principal)));
}

async function updateMe({ req, store, body, principal }) {
	const user = me(store, principal);
	const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
	if ('email' in payload) throw new ApiError(400, '"email" cannot be changed through PUT /users/me');
	if ('password' in payload) throw new ApiError(400, 'Change the password with PUT /auth/password');
	allowOnly(payload, ['name', 'language'], 'user body');
	if (Object.keys(payload).length === 0) throw new ApiError(400, 'Nothing to change: send "name" and/or "language"');
	if ('name' in payload) user.name = payload.name === null ? null : stringProperty(payload, 'name', { max: 100 });
	if ('language' in payload) {
		if (!LANGUAGES.includes(payload.language)) {
			throw new ApiError(400, `"language" must be one of ${LANGUAGES.join(', ')}; got ${JSON.stringify(payload.language)}`);
		}
		user.language = payload.language;
	}
	user.updatedAt = new Date().toISOString();
	return jsonReply(userView(user));
}

export const routes = [
	{ method: 'GET', path: '/users/me', auth: 'bearer', handler: getMe },
	{ method: 'PUT', path: '/users/me', auth: 'bearer', handler: updateMe },
];
