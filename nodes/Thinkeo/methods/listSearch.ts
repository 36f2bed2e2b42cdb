import type { IHttpRequestMethods, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { QUERY_PAGE_SIZE } from '../transport/paging';
import { listedRecords } from '../transport/answerCheck';
import { withStepErrors } from '../transport/errors';
import { thinkeoRequest } from '../transport/request';

interface Listed {
	id: string;
	name?: string;
}

type Search = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

/** The entries of a list answer that can be chosen: those with an ID, named by their first text among name, email, version. */
function listed(answer: unknown): Listed[] {
	return listedRecords(answer).flatMap((entry) => {
		const { id } = entry;
		if (typeof id !== 'string' && typeof id !== 'number') return [];
		const name = [entry.name, entry.email, entry.version].find((text): text is string => typeof text === 'string' && text !== '');
		return [{ id: String(id), name }];
	});
}

/** What the list shows: the name alone (the editor cuts long entries, and a UUID says nothing), the ID only to tell equal names apart. */
function labels(entries: Listed[]): string[] {
	const names = entries.map((entry) => entry.name);
	return entries.map((entry, index) => {
		const name = names[index];
		if (!name) return entry.id;
		return names.indexOf(name) === names.lastIndexOf(name) ? name : `${name} (${entry.id})`;
	});
}

/**
 * "From list" search over a Thinkeo list endpoint. Query endpoints (POST …/query) are read page by page; the
 * others return everything at once. The filter is applied here because no search parameter is documented.
 */
function searchOver(method: IHttpRequestMethods, url: string): Search {
	const paged = method === 'POST';
	const step = `listing ${url}`;
	return withStepErrors(
		() => step,
		'answer',
		async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			const offset = Number(paginationToken ?? 0);
			const answer = await thinkeoRequest.call(this, step, {
				method,
				url,
				body: paged ? { limit: QUERY_PAGE_SIZE, offset } : undefined,
			});
			const entries = listed(answer);
			const needle = (filter ?? '').toLowerCase();
			const shown = labels(entries);
			// The filter matches the name or the ID, so a pasted ID finds its entry too.
			const results = entries
				.map((entry, index) => ({ name: shown[index], value: entry.id }))
				.filter(({ name, value }) => !needle || `${name} ${value}`.toLowerCase().includes(needle));
			// A full page (counted before entries without an ID are left out) means there may be more.
			const more = paged && (answer as unknown[]).length === QUERY_PAGE_SIZE;
			return { results, paginationToken: more ? String(offset + QUERY_PAGE_SIZE) : undefined };
		},
	);
}
export const listSearch = {
	searchTeams: searchOver('GET', '/teams'),
	searchApps: searchOver('POST', '/apps/query'),
	searchAttributes: searchOver('POST', '/attributes/query'),
	searchBlocks: searchOver('POST', '/blocks/query'),
	searchPublications: searchOver('POST', '/publications/query'),
	searchTeamGroups: searchOver('GET', '/teams/groups'),
	searchTeamMembers: searchOver('GET', '/teams/users'),
	searchTokens: searchOver('GET', '/tokens'),
	searchAttributeViews: searchOver('GET', '/attributes/views'),
	searchBlockViews: searchOver('GET', '/blocks/views'),
	searchPublicationViews: searchOver('GET', '/publications/views'),
};
