/**
 * Which team a GET /teams answer names, read as untrusted input: it decides the team a permanent token is created
 * for. An entry counts only if its ID could be sent as `team`, a token is created only for an account with exactly
 * one team, and no message grows with the answer.
 */

/** Longest team ID taken from GET /teams: Thinkeo's are 36-character UUIDs. */
export const MAX_TEAM_ID_LENGTH = 128;

/** Longest team name quoted in a message; a longer one is cut. */
export const MAX_QUOTED_NAME_LENGTH = 80;

/** Most teams a message lists; the others are only counted. */
export const MAX_LISTED_TEAMS = 20;

interface UsableTeam {
	id: string;
	name?: string;
}

/** The team for POST /tokens, or why there is none, as a message for the user. */
export type TeamsAnswer = { team: string } | { problem: string };

const CONTROL_CHARACTERS = /\p{Cc}/u;

function quotableName(name: unknown): string | undefined {
	if (typeof name !== 'string') return undefined;
	const flat = name.replace(/\p{Cc}+/gu, ' ').trim();
	if (!flat) return undefined;
	return flat.length > MAX_QUOTED_NAME_LENGTH ? `${flat.slice(0, MAX_QUOTED_NAME_LENGTH)}…` : flat;
}

/** The entry as a team n8n can name in POST /tokens, or undefined: a record whose `id` is a sendable string or a number. */
function usableTeam(entry: unknown): UsableTeam | undefined {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
	const { id, name } = entry as Record<string, unknown>;
	const text = typeof id === 'number' && Number.isFinite(id) ? String(id) : id;
	if (typeof text !== 'string' || !text.trim() || text.length > MAX_TEAM_ID_LENGTH || CONTROL_CHARACTERS.test(text)) {
		return undefined;
	}
	return { id: text, name: quotableName(name) };
}

/** What the answer was, in words that never quote it (it may be large). */
function kindOf(answer: unknown): string {
	if (answer === undefined || answer === '') return 'an empty body';
	if (answer === null) return 'null';
	if (typeof answer === 'object') return 'an object';
	return `a ${typeof answer}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const SET_TEAM_ID = 'Set Team ID in the credential to your team\'s ID (a Team Administrator can tell you), or use API Token mode.';

/**
 * Why an accepted GET /teams `answer` is not the list of teams Thinkeo documents, or undefined when it is one: a
 * Base URL that leads to a web page, a login page or a proxy answers 200 too, and a Test must not call that a success.
 */
export function notATeamsList(answer: unknown): string | undefined {
	if (Array.isArray(answer)) return undefined;
	const what = typeof answer === 'string' && answer !== '' ? 'text (a web page?)' : kindOf(answer);
	return `The Base URL answered GET /teams with ${what} instead of Thinkeo's list of teams, so it does not seem to lead to the Thinkeo API (a web page, a login page or a proxy answers like this). Check the Base URL: Thinkeo's cloud API is https://api.thinkeo.io/v1.`;
}

/** The team `answer` (GET /teams) leaves no doubt about for `account`, or a bounded message saying why there is none. */
export function teamFromAnswer(answer: unknown, account: string): TeamsAnswer {
	if (!Array.isArray(answer)) {
		return {
			problem: `Thinkeo answered GET /teams with ${kindOf(answer)} instead of a list of teams, so n8n cannot tell which team the account ${account} belongs to and created no token. ${SET_TEAM_ID}`,
		};
	}
	if (answer.length === 0) {
		return {
			problem: `The Thinkeo account ${account} belongs to no team, so no team token can be created. Ask a Team Administrator to invite it.`,
		};
	}
	const usable = answer.map(usableTeam).filter((team): team is UsableTeam => team !== undefined);
	if (answer.length === 1 && usable.length === 1) return { team: usable[0].id };
	if (usable.length === 0) {
		return {
			problem: `Thinkeo answered GET /teams with ${plural(answer.length, 'entry', 'entries')} but no team n8n can use (a team is an object whose "id" is a non-empty string of at most ${MAX_TEAM_ID_LENGTH} characters, or a number), so no token was created. ${SET_TEAM_ID}`,
		};
	}
	// Several entries, even if only one is usable: the account may belong to a team the unusable entries stand for.
	const listed = usable.slice(0, MAX_LISTED_TEAMS).map((team) => (team.name ? `${team.name} (${team.id})` : team.id));
	const unlisted = usable.length - listed.length;
	const unusable = answer.length - usable.length;
	return {
		problem: `The Thinkeo account ${account} belongs to ${answer.length} teams. Set Team ID in the credential to one of: ${listed.join(', ')}${unlisted > 0 ? `, and ${unlisted} more` : ''}${unusable > 0 ? ` (${plural(unusable, 'other entry', 'other entries')} of Thinkeo's list had no usable team ID)` : ''}`,
	};
}
