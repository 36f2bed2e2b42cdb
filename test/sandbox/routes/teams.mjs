// Teams: GET /teams lists the Teams the caller can access (Basic: the account's; Bearer: the
// token's).
import { jsonReply } from '../http-utils.mjs';

function listTeams({ store, principal }) {
	return jsonReply(principal.teamIds.map((id) => store.teams.get(id)));
}

export const routes = [
	{ method: 'GET', path: '/teams', auth: 'basic-or-bearer', handler: listTeams },
];
