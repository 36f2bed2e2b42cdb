/**
 * The Thinkeo Trigger's poll itself (ThinkeoTrigger.poll with a fake IPollFunctions over a fake API, see
 * triggerFakeApi.ts), driven by a fake clock: first the defects of issue 19 as examples, then generated runs of
 * polls over changing lists with failures at any request and restarts, checked against a model of what must fire.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FILE_ATTEMPTS, NEXT_POLL_HINT } from '../../nodes/Thinkeo/ThinkeoTrigger.node';
import type { Fault, FakeRequest, World } from './triggerFakeApi';
import { attachment, emptyWorld, fakeApi, pollContext, runPoll } from './triggerFakeApi';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 0, 1, 12);

let clock = START;
beforeEach(() => {
	clock = START;
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
});
afterEach(() => jest.restoreAllMocks());

const iso = (time: number) => new Date(time).toISOString();
const publicationId = (n: number) => `0192f0a5-4444-7e00-9f00-${String(n).padStart(12, '0')}`;
const publication = (n: number, createdAt: IDataObject[string] = iso(clock)): IDataObject => ({ id: publicationId(n), appId: 'app', createdAt });
const logEntry = (n: number, createdAt: IDataObject[string] = iso(clock)): IDataObject => ({ id: `log-${n}`, action: 'member.invite', createdAt });
const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id);

/** A trigger over `world`, polled as n8n does, with its static data kept between polls; `faults` fail chosen requests. */
function trigger(world: World, parameters: IDataObject) {
	const staticData: IDataObject = {};
	let faultOf: (request: FakeRequest, index: number) => Fault | undefined = () => undefined;
	const api = fakeApi(world, (request, index) => faultOf(request, index));
	return {
		staticData,
		requests: api.requests,
		failing(next: typeof faultOf) {
			faultOf = next;
		},
		async poll(minutesLater = 1) {
			clock += minutesLater * MINUTE;
			api.requests.length = 0;
			return await runPoll(pollContext(parameters, staticData, api.send));
		},
	};
}

/** The error a poll failed with, as n8n shows it. */
function errorOf(result: { items: INodeExecutionData[] } | { error: Error }) {
	if (!('error' in result)) throw new Error(`The poll fired ${result.items.length} item(s) instead of failing`);
	return result.error as Error & { description?: string | null };
}

async function fired(poll: Promise<{ items: INodeExecutionData[] } | { error: Error }>) {
	const result = await poll;
	if ('error' in result) throw result.error;
	return result.items;
}

describe('issue 19, as examples', () => {
	it('New Publication: a publication dated 3 hours ahead fires, and so does every normal one after it', async () => {
		const world = emptyWorld();
		world.publications.push(publication(1), publication(2));
		const thinkeo = trigger(world, { event: 'newPublication' });
		expect(await fired(thinkeo.poll())).toEqual([]);
		world.publications.push(publication(3, iso(clock + 3 * HOUR)));
		expect(ids(await fired(thinkeo.poll()))).toEqual([publicationId(3)]);
		for (let n = 4; n < 17; n += 1) {
			world.publications.push(publication(n));
			expect(ids(await fired(thinkeo.poll()))).toEqual([publicationId(n)]);
		}
	});

	it('New Publication: after one dated in the year 9999, the next ones still fire', async () => {
		const world = emptyWorld();
		world.publications.push(publication(1));
		const thinkeo = trigger(world, { event: 'newPublication' });
		await fired(thinkeo.poll());
		world.publications.push(publication(2, '9999-12-31T00:00:00.000Z'));
		expect(ids(await fired(thinkeo.poll()))).toEqual([publicationId(2)]);
		world.publications.push(publication(3));
		expect(ids(await fired(thinkeo.poll(60)))).toEqual([publicationId(3)]);
	});

	it('New Team Log Entry: an entry dated 3 hours ahead fires, and so does every normal one after it', async () => {
		const world = emptyWorld();
		world.logs.unshift(logEntry(1));
		const thinkeo = trigger(world, { event: 'newLogEntry' });
		await fired(thinkeo.poll());
		world.logs.unshift(logEntry(2, iso(clock + 3 * HOUR)));
		expect(ids(await fired(thinkeo.poll()))).toEqual(['log-2']);
		for (let n = 3; n < 11; n += 1) {
			world.logs.unshift(logEntry(n));
			expect(ids(await fired(thinkeo.poll()))).toEqual([`log-${n}`]);
		}
	});

	it('New Attachment: after a publication dated in the future, a new publication still fires the file it was generated with', async () => {
		const world = emptyWorld();
		world.publications.push(publication(1));
		world.attachments.set(publicationId(1), []);
		const thinkeo = trigger(world, { event: 'newAttachment', watch: 'recent', watchCount: 5 });
		await fired(thinkeo.poll());
		world.publications.push(publication(2, iso(clock + 3 * HOUR)));
		world.attachments.set(publicationId(2), [attachment(2)]);
		expect((await fired(thinkeo.poll())).map((item) => item.json.publicationId)).toEqual([publicationId(2)]);
		world.publications.push(publication(3));
		world.attachments.set(publicationId(3), [attachment(3)]);
		expect((await fired(thinkeo.poll())).map((item) => item.json)).toEqual([{ publicationId: publicationId(3), ...attachment(3) }]);
	});

	it('New Publication with Output Files: one 500 on an attachment listing loses neither publication of the poll', async () => {
		const world = emptyWorld();
		const thinkeo = trigger(world, { event: 'newPublication', outputFiles: 'all' });
		await fired(thinkeo.poll());
		for (const n of [1, 2]) {
			world.publications.push(publication(n));
			world.attachments.set(publicationId(n), [attachment(n)]);
		}
		const listing = `/publications/${publicationId(2)}/attachments`;
		let failed = false;
		thinkeo.failing((request) => (request.path === listing && !failed ? ((failed = true), 500) : undefined));
		const failure = errorOf(await thinkeo.poll());
		const items = await fired(thinkeo.poll());
		expect(ids(items)).toEqual([publicationId(1), publicationId(2)]);
		expect(failure.message).toContain(`listing the files of publication ${publicationId(2)} (HTTP 500)`);
		expect(failure.description).not.toMatch(/Retry On Fail/i);
		expect(failure.description).toContain(NEXT_POLL_HINT);
		expect(items.map((item) => (item.json.files as IDataObject[]).map((file) => file.attachmentId))).toEqual([
			[attachment(1).id],
			[attachment(2).id],
		]);
		expect(items.every((item) => item.json.error === undefined && Object.keys(item.binary ?? {}).length === 1)).toBe(true);
		expect(await fired(thinkeo.poll())).toEqual([]);
	});

	it(`New Publication with Output Files: a listing that keeps failing fires its publication with the error after ${FILE_ATTEMPTS} polls`, async () => {
		const world = emptyWorld();
		const thinkeo = trigger(world, { event: 'newPublication', outputFiles: 'all' });
		await fired(thinkeo.poll());
		world.publications.push(publication(1), publication(2));
		world.attachments.set(publicationId(1), [attachment(1)]);
		world.attachments.set(publicationId(2), [attachment(2)]);
		thinkeo.failing((request) => (request.path === `/publications/${publicationId(1)}/attachments` ? 503 : undefined));
		for (let attempt = 1; attempt < FILE_ATTEMPTS; attempt += 1) expect(await thinkeo.poll()).toHaveProperty('error');
		const items = await fired(thinkeo.poll());
		expect(ids(items)).toEqual([publicationId(1), publicationId(2)]);
		expect(items[0].json.error).toContain(`The files of publication ${publicationId(1)} could not be listed`);
		expect(items[1].json).toMatchObject({ files: [expect.objectContaining({ attachmentId: attachment(2).id })] });
		expect(items[1].json.error).toBeUndefined();
		thinkeo.failing(() => undefined);
		world.publications.push(publication(3));
		world.attachments.set(publicationId(3), []);
		expect(ids(await fired(thinkeo.poll()))).toEqual([publicationId(3)]);
	});

	it('New Attachment: a failed listing of one watched publication holds back neither its files nor the others', async () => {
		const world = emptyWorld();
		world.publications.push(publication(1), publication(2));
		world.attachments.set(publicationId(1), []);
		world.attachments.set(publicationId(2), []);
		const thinkeo = trigger(world, { event: 'newAttachment', watch: 'recent', watchCount: 5 });
		await fired(thinkeo.poll());
		world.attachments.get(publicationId(1))?.push(attachment(1));
		world.attachments.get(publicationId(2))?.push(attachment(2));
		thinkeo.failing((request) => (request.path === `/publications/${publicationId(1)}/attachments` ? 500 : undefined));
		expect((await fired(thinkeo.poll())).map((item) => item.json.id)).toEqual([attachment(2).id]);
		// Nothing else to fire: the failure is the poll's error, so a lasting one is seen.
		expect(errorOf(await thinkeo.poll()).message).toContain(`listing the attachments of publication ${publicationId(1)} (HTTP 500)`);
		thinkeo.failing(() => undefined);
		expect((await fired(thinkeo.poll())).map((item) => item.json.id)).toEqual([attachment(1).id]);
		expect(await fired(thinkeo.poll())).toEqual([]);
	});

	it('fires records whose ID is a number or whose createdAt is an epoch number, once', async () => {
		const world = emptyWorld();
		world.publications.push({ id: 1, createdAt: clock });
		const thinkeo = trigger(world, { event: 'newPublication' });
		await fired(thinkeo.poll());
		world.publications.push({ id: 2, createdAt: clock }, { id: publicationId(3), createdAt: Math.floor(clock / 1000) });
		expect(ids(await fired(thinkeo.poll()))).toEqual([2, publicationId(3)]);
		expect(await fired(thinkeo.poll())).toEqual([]);
	});

	it('fires a record without a readable createdAt once, at the first poll that lists it', async () => {
		const world = emptyWorld();
		world.logs.unshift(logEntry(1));
		const thinkeo = trigger(world, { event: 'newLogEntry' });
		await fired(thinkeo.poll());
		world.logs.unshift({ id: 'log-2', action: 'member.invite' }, logEntry(3, 'yesterday-ish'));
		expect(ids(await fired(thinkeo.poll()))).toEqual(['log-2', 'log-3']);
		expect(await fired(thinkeo.poll())).toEqual([]);
	});

	it('says of a failed poll that the next one tries again, never to turn on Retry On Fail', async () => {
		const world = emptyWorld();
		const thinkeo = trigger(world, { event: 'newLogEntry', requestOptions: { rateLimitMaxTries: 1 } });
		for (const fault of [429, 500, 503, 'reset'] as Fault[]) {
			thinkeo.failing(() => fault);
			const error = errorOf(await thinkeo.poll());
			expect(error.constructor.name).toMatch(/^Node(Api|Operation)Error$/);
			expect(error.description).not.toMatch(/Retry On Fail/i);
			expect(error.description).toContain(NEXT_POLL_HINT);
		}
	});
});
