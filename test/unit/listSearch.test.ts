import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch } from '../../nodes/Thinkeo/methods/listSearch';

/** A load-options context whose requests get `entries` back, as Thinkeo's list endpoints answer. */
function answering(entries: unknown): ILoadOptionsFunctions {
	return {
		getCredentials: async () => ({ baseUrl: 'https://api.thinkeo.test/v1' }),
		getNode: () => ({ name: 'Thinkeo' }),
		helpers: { httpRequestWithAuthentication: async () => ({ statusCode: 200, headers: {}, body: entries }) },
	} as unknown as ILoadOptionsFunctions;
}

const APPS = [
	{ id: '0192f0a3-2222-7c00-8000-000000000001', name: 'Demo Report' },
	{ id: '0192f0a3-2222-7c00-8000-000000000002', name: 'Onboarding' },
	{ id: '0192f0a3-2222-7c00-8000-000000000003', name: 'Onboarding' },
	{ id: '0192f0a3-2222-7c00-8000-000000000004' },
];

describe('the App list of the editor', () => {
	it('shows each App by its name, with its ID only to tell equal names apart or when it has no name', async () => {
		const { results } = await listSearch.searchApps.call(answering(APPS));
		expect(results).toEqual([
			{ name: 'Demo Report', value: APPS[0].id },
			{ name: `Onboarding (${APPS[1].id})`, value: APPS[1].id },
			{ name: `Onboarding (${APPS[2].id})`, value: APPS[2].id },
			{ name: APPS[3].id, value: APPS[3].id },
		]);
	});

	it('finds an App by part of its name or by its ID', async () => {
		const byName = await listSearch.searchApps.call(answering(APPS), 'demo');
		expect(byName.results.map(({ value }) => value)).toEqual([APPS[0].id]);
		const byId = await listSearch.searchApps.call(answering(APPS), APPS[0].id);
		expect(byId.results.map(({ name }) => name)).toEqual(['Demo Report']);
	});
});

describe('a list answer of an odd shape (issue 19, item 13)', () => {
	it.each([
		[{ apps: APPS }, 'an object'],
		['Service busy', '"Service busy"'],
		[42, 'a number (42)'],
	])('stops %j with a clear error naming the search, not a TypeError', async (answer, what) => {
		await expect(listSearch.searchApps.call(answering(answer))).rejects.toThrow(`listing /apps/query: Thinkeo answered with ${what}, not a list`);
	});

	it('leaves out entries that are not objects or have no ID, and shows a name only when it is text', async () => {
		const entries = [null, 7, 'x', [APPS[0]], { name: 'No ID' }, { id: APPS[1].id, name: { first: 'x' }, email: 'a@b.test' }, APPS[0]];
		const { results } = await listSearch.searchApps.call(answering(entries));
		expect(results).toEqual([
			{ name: 'a@b.test', value: APPS[1].id },
			{ name: 'Demo Report', value: APPS[0].id },
		]);
	});
});
