import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { thinkeoRequest } from '../transport/request';
import type { Example, Poll, TriggerEvent } from './event';
import { exampleItem } from './event';
import { asRecords } from './listAnswer';
import type { LookBack } from './pollState';
import { advanceLookBack, newestFirst } from './pollState';

/** INFERRED: the reference documents no shape for log entries; the type of an entry is its `action`. */
function entryType(entry: IDataObject): string {
	return String(entry.action ?? '');
}

function typeMatcher(list: string): (entry: IDataObject) => boolean {
	const patterns = list
		.split(',')
		.map((pattern) => pattern.trim())
		.filter(Boolean);
	if (patterns.length === 0) return () => true;
	return (entry) =>
		patterns.some((pattern) =>
			pattern.endsWith('*') ? entryType(entry).startsWith(pattern.slice(0, -1)) : entryType(entry) === pattern,
		);
}

async function logEntries(this: IPollFunctions): Promise<IDataObject[]> {
	const answer = await thinkeoRequest.call(this, 'reading the team log', { method: 'GET', url: '/teams/logs' });
	return asRecords.call(this, answer, 'GET /teams/logs');
}

const wantedEntries = (context: IPollFunctions) => typeMatcher(context.getNodeParameter('logTypes', '') as string);

const poll: Poll = async function (state, now) {
	const entries = await logEntries.call(this);
	// Every entry counts as seen, so changing the types later does not replay old entries.
	const { fresh, state: next } = advanceLookBack(entries, state.logCursor as LookBack | undefined, now);
	state.logCursor = next;
	return this.helpers.returnJsonArray(fresh.filter(wantedEntries(this)));
};

const example: Example = async function (now) {
	const newest = newestFirst((await logEntries.call(this)).filter(wantedEntries(this)), now)[0];
	return exampleItem.call(this, newest, 'team log entry of these types');
};

/** New Team Log Entry: an entry was added to the team's activity log, optionally only of some types. */
export const newTeamLogEntry: TriggerEvent = { poll, example };
