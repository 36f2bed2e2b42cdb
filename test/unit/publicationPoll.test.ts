import type { IDataObject } from 'n8n-workflow';

import { pollNewPublications, readListEnd, recentPublications, TAIL_CHECK_RECORDS } from '../../nodes/Thinkeo/trigger/publicationPoll';

/** A list API over `list` (oldest first) that pages with limit/offset and records every page asked for. */
function fakeList(list: IDataObject[]) {
	const calls: Array<{ limit: number; offset: number }> = [];
	const readPage = async (limit: number, offset: number) => {
		calls.push({ limit, offset });
		return list.slice(offset, offset + limit);
	};
	return { calls, readPage };
}

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) + n * 60_000).toISOString();
const publication = (n: number, createdAt = minute(n)) => ({ id: `p${n}`, appId: 'app', createdAt });
const many = (count: number) => Array.from({ length: count }, (_, n) => publication(n));
const ids = (records: IDataObject[]) => records.map((record) => record.id);
const every = () => true;
/** The polls' clock: a week after the publications below, none of them dated in the future. */
const NOW = Date.UTC(2026, 0, 8);

/** One poll that completes: its state saved as the trigger does once its output is complete. */
async function poll(list: IDataObject[], state: IDataObject, query = '') {
	const api = fakeList(list);
	const { fresh, next } = await pollNewPublications(api.readPage, state, query, every, NOW);
	Object.assign(state, next);
	return { fresh: ids(fresh), calls: api.calls };
}

describe('New Publication reads the end of the list', () => {
	it('costs 2 requests per poll at 10,000 publications once it knows where the list ends', async () => {
		const list = many(10_000);
		const state: IDataObject = {};
		const first = await poll(list, state);
		expect(first.fresh).toEqual([]);
		expect(first.calls).toHaveLength(101);
		const steady = await poll(list, state);
		expect(steady.fresh).toEqual([]);
		expect(steady.calls).toEqual([
			{ limit: 100, offset: 10_000 - TAIL_CHECK_RECORDS },
			{ limit: 100, offset: 10_000 },
		]);
	});

	it('fires a new publication once, in 2 requests, then nothing', async () => {
		const list = many(1_000);
		const state: IDataObject = {};
		await poll(list, state);
		list.push(publication(1_000));
		const second = await poll(list, state);
		expect(second.fresh).toEqual(['p1000']);
		expect(second.calls).toHaveLength(2);
		const third = await poll(list, state);
		expect(third.fresh).toEqual([]);
		expect(third.calls).toHaveLength(2);
	});

	it('fires a publication listed late (created before the newest) within the look-back window', async () => {
		const list = many(300);
		const state: IDataObject = {};
		await poll(list, state);
		list.push(publication(1_000, minute(299 - 30)));
		expect((await poll(list, state)).fresh).toEqual(['p1000']);
	});

	it('reads the whole list after a deletion in the known range, and fires nothing twice', async () => {
		const list = many(1_000);
		const state: IDataObject = {};
		await poll(list, state);
		list.push(publication(1_000));
		expect((await poll(list, state)).fresh).toEqual(['p1000']);
		list.splice(500, 1);
		list.push(publication(1_001));
		const afterDeletion = await poll(list, state);
		expect(afterDeletion.fresh).toEqual(['p1001']);
		// The end first (its records moved by one), then every page, each ending on an empty page.
		const wholeList = [...Array.from({ length: 11 }, (_, page) => page * 100), 1_001];
		expect(afterDeletion.calls.map((call) => call.offset)).toEqual([1_001 - TAIL_CHECK_RECORDS, 1_001, ...wholeList]);
		const steady = await poll(list, state);
		expect(steady).toEqual({ fresh: [], calls: [{ limit: 100, offset: 1_001 - TAIL_CHECK_RECORDS }, { limit: 100, offset: 1_001 }] });
	});

	it('reads the whole list when a record was inserted before the checked ones (another order than assumed)', async () => {
		const list = many(200);
		const state: IDataObject = {};
		await poll(list, state);
		list.splice(195, 0, publication(1_000, minute(150)));
		const next = await poll(list, state);
		expect(next.fresh).toEqual(['p1000']);
		expect(next.calls.some((call) => call.offset === 0)).toBe(true);
	});

	it('reads the whole list when the last records were deleted', async () => {
		const list = many(50);
		const state: IDataObject = {};
		await poll(list, state);
		list.splice(45, 5);
		const next = await poll(list, state);
		expect(next.fresh).toEqual([]);
		expect(next.calls.map((call) => call.offset)).toEqual([40, 45, 0, 45]);
	});

	it('reads the whole list when the query changed (another App filter is another list)', async () => {
		const list = many(150);
		const state: IDataObject = {};
		await poll(list, state, 'app-a');
		const next = await poll(list, state, 'app-b');
		expect(next.calls.map((call) => call.offset)).toEqual([0, 100, 150]);
	});

	it('against an API that ignores limit and offset, still fires each record once', async () => {
		const list = many(150);
		const ignoring = async () => list.slice(0, 150);
		const state: IDataObject = {};
		Object.assign(state, (await pollNewPublications(ignoring, state, '', every, NOW)).next);
		list.push(publication(150));
		// The API never lists record 150: nothing fires, and nothing fires twice.
		expect((await pollNewPublications(ignoring, state, '', every, NOW)).fresh).toEqual([]);
	});

	it('leaves the state alone: a poll whose output fails reads the same publications again', async () => {
		const list = many(300);
		const state: IDataObject = {};
		await poll(list, state);
		const saved = JSON.parse(JSON.stringify(state)) as IDataObject;
		list.push(publication(300), publication(301));
		const api = fakeList(list);
		const unsaved = await pollNewPublications(api.readPage, state, '', every, NOW);
		expect(ids(unsaved.fresh)).toEqual(['p300', 'p301']);
		expect(state).toEqual(saved);
		expect((await poll(list, state)).fresh).toEqual(['p300', 'p301']);
	});

	it('keeps a small tail: the last records, the position of the first and the query', async () => {
		const { tail } = await readListEnd(fakeList(many(25)).readPage, undefined, 'q');
		expect(tail).toEqual({ offset: 25 - TAIL_CHECK_RECORDS, keys: many(25).slice(-TAIL_CHECK_RECORDS).map((p) => `id:${p.id}`), query: 'q' });
	});
});

describe('New Attachment (Recent Publications) reads the end of the list too', () => {
	async function recent(list: IDataObject[], state: IDataObject, count: number) {
		const api = fakeList(list);
		const { newest, next } = await recentPublications(api.readPage, state, '', every, count, NOW);
		Object.assign(state, next);
		return { newest: ids(newest), calls: api.calls };
	}

	it('finds the newest 20 of 10,000 publications in 2 requests once it knows where the list ends', async () => {
		const list = many(10_000);
		const state: IDataObject = {};
		const first = await recent(list, state, 20);
		expect(first.calls).toHaveLength(101);
		expect(first.newest).toEqual(ids(many(10_000).slice(-20).reverse()));
		const steady = await recent(list, state, 20);
		expect(steady.calls).toEqual([
			{ limit: 100, offset: 10_000 - 20 },
			{ limit: 100, offset: 10_000 },
		]);
		expect(steady.newest).toEqual(first.newest);
	});

	it('includes a new publication at once, and reads the whole list again after a deletion near the end', async () => {
		const list = many(500);
		const state: IDataObject = {};
		await recent(list, state, 5);
		list.push(publication(500));
		const withNew = await recent(list, state, 5);
		expect(withNew.newest).toEqual(['p500', 'p499', 'p498', 'p497', 'p496']);
		expect(withNew.calls).toHaveLength(2);
		list.splice(497, 1);
		const afterDeletion = await recent(list, state, 5);
		expect(afterDeletion.newest).toEqual(['p500', 'p499', 'p498', 'p496', 'p495']);
		expect(afterDeletion.calls.length).toBeGreaterThan(2);
	});
});
