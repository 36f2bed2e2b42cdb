/**
 * The Thinkeo Trigger's poll itself (ThinkeoTrigger.poll with a fake IPollFunctions over a fake API, see
 * triggerFakeApi.ts), driven by a fake clock: first the defects of issue 19 as examples, then generated runs of
 * polls over changing lists with failures at any request and restarts, checked against a model of what must fire.
 */
import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { FILE_ATTEMPTS } from '../../nodes/Thinkeo/trigger/newPublication';
import { NEXT_POLL_HINT } from '../../nodes/Thinkeo/trigger/pollError';
import { LOOK_BACK_LIMITS, LOOK_BACK_MAX_IDS, LOOK_BACK_MS } from '../../nodes/Thinkeo/trigger/pollState';
import type { Fault, FakeRequest, World } from './triggerFakeApi';
import { attachment, attachmentId, BASE_URL, emptyWorld, fakeApi, pollContext, runPoll } from './triggerFakeApi';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
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

/**
 * A trigger over `world`, polled as n8n does: its static data kept between polls (also when a poll fails), and saved
 * after a poll that fires (an execution) and at activation, the first poll that succeeds; a restart brings back what
 * was saved. `failing` chooses the requests that fail.
 */
function trigger(world: World, parameters: IDataObject) {
	const staticData: IDataObject = {};
	let saved: string | undefined;
	let faultOf: (request: FakeRequest, index: number) => Fault | undefined = () => undefined;
	const api = fakeApi(world, (request, index) => faultOf(request, index));
	const restore = () => {
		for (const key of Object.keys(staticData)) delete staticData[key];
		Object.assign(staticData, JSON.parse(saved ?? '{}'));
	};
	return {
		staticData,
		requests: api.requests,
		failing(next: typeof faultOf) {
			faultOf = next;
		},
		async poll(minutesLater = 1) {
			clock += minutesLater * MINUTE;
			api.requests.length = 0;
			const result = await runPoll(pollContext(parameters, staticData, api.send));
			if ('items' in result && (result.items.length || saved === undefined)) saved = JSON.stringify(staticData);
			// A failed activation leaves nothing: n8n activates the workflow again from what it stored.
			if ('error' in result && saved === undefined) restore();
			return result;
		},
		restart: restore,
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
		const listing = `/publications/${publicationId(1)}/attachments`;
		let listings = 0;
		thinkeo.failing((request) => (request.path === listing && (listings += 1) <= FILE_ATTEMPTS ? 503 : undefined));
		for (let attempt = 1; attempt < FILE_ATTEMPTS; attempt += 1) expect(await thinkeo.poll()).toHaveProperty('error');
		const items = await fired(thinkeo.poll());
		// One listing a poll: the last attempt keeps the failure it meets.
		expect(listings).toBe(FILE_ATTEMPTS);
		expect(ids(items)).toEqual([publicationId(1), publicationId(2)]);
		expect(items[0].json.error).toContain(`The files of publication ${publicationId(1)} could not be listed`);
		expect(items[1].json).toMatchObject({ files: [expect.objectContaining({ attachmentId: attachment(2).id })] });
		expect(items[1].json.error).toBeUndefined();
		thinkeo.failing(() => undefined);
		world.publications.push(publication(3));
		world.attachments.set(publicationId(3), []);
		expect(ids(await fired(thinkeo.poll()))).toEqual([publicationId(3)]);
	});

	it('New Publication with Output Files: a file Thinkeo will not serve (404) is listed with its error at once, not retried', async () => {
		const world = emptyWorld();
		const thinkeo = trigger(world, { event: 'newPublication', outputFiles: 'all' });
		await fired(thinkeo.poll());
		world.publications.push(publication(1));
		world.attachments.set(publicationId(1), [attachment(1), attachment(2)]);
		thinkeo.failing((request) => (request.path === `/attachments/${attachment(1).id}` ? 404 : undefined));
		const [item] = await fired(thinkeo.poll());
		expect(item.json.id).toBe(publicationId(1));
		expect(item.json.error).toContain('HTTP 404');
		expect((item.json.files as IDataObject[]).map((file) => [file.attachmentId, file.error === undefined])).toEqual([
			[attachment(1).id, false],
			[attachment(2).id, true],
		]);
		expect(Object.keys(item.binary ?? {})).toHaveLength(1);
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

	it('New Attachment: an activation whose attachment listing failed saves nothing, so no history fires later', async () => {
		const world = emptyWorld();
		world.publications.push(publication(1), publication(2));
		world.attachments.set(publicationId(1), [attachment(1)]);
		world.attachments.set(publicationId(2), [attachment(2)]);
		// Without the test harness: n8n may well keep the static data of an activation whose poll failed.
		const staticData: IDataObject = {};
		let failing = true;
		const api = fakeApi(world, (request) => (failing && request.path.endsWith(`${publicationId(1)}/attachments`) ? 500 : undefined));
		const parameters = { event: 'newAttachment', watch: 'recent', watchCount: 5 };
		expect(errorOf(await runPoll(pollContext(parameters, staticData, api.send))).message).toContain('HTTP 500');
		expect(staticData).toEqual({});
		failing = false;
		expect(await fired(runPoll(pollContext(parameters, staticData, api.send)))).toEqual([]);
		expect(await fired(runPoll(pollContext(parameters, staticData, api.send)))).toEqual([]);
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

	it('New Team Log Entry: past the bound on undated entries the poll fails saying so; once fewer are listed, each fires once', async () => {
		jest.replaceProperty(LOOK_BACK_LIMITS, 'maxUnplacedIds', 30);
		const world = emptyWorld();
		// Dated by `timestamp`, a field the trigger does not read: undated to it.
		const undated = (n: number) => ({ id: `log-${n}`, action: 'member.invite', timestamp: iso(clock) });
		for (let n = 0; n < 30; n += 1) world.logs.unshift(undated(n));
		const thinkeo = trigger(world, { event: 'newLogEntry' });
		expect(await fired(thinkeo.poll())).toEqual([]);
		world.logs.unshift(undated(30), undated(31));
		const failure = errorOf(await thinkeo.poll());
		expect(failure.constructor.name).toBe('NodeOperationError');
		expect(failure.message).toContain("Thinkeo lists 32 records that have no readable createdAt or are dated after this machine's clock, more than the 30");
		expect(failure.description).toContain(NEXT_POLL_HINT);
		expect(errorOf(await thinkeo.poll()).message).toContain('Thinkeo lists 32 records');
		world.logs.splice(-5, 5);
		expect(ids(await fired(thinkeo.poll()))).toEqual(['log-30', 'log-31']);
		expect(await fired(thinkeo.poll())).toEqual([]);
	});

	it('New Publication: undated publications before the end of the list, unread by a steady poll, never fire again', async () => {
		const world = emptyWorld();
		for (let n = 1; n <= 15; n += 1) world.publications.push(publication(n, null));
		const thinkeo = trigger(world, { event: 'newPublication' });
		await fired(thinkeo.poll());
		world.publications.push(publication(16));
		expect(ids(await fired(thinkeo.poll()))).toEqual([publicationId(16)]);
		// That poll read only the end of the list, from its 10 last records.
		expect(thinkeo.requests[0].body).toMatchObject({ offset: 5 });
		// A deletion moves them: the next poll reads the whole list again.
		world.publications.splice(14, 1);
		expect(await fired(thinkeo.poll())).toEqual([]);
		expect(thinkeo.requests.some((request) => request.body?.offset === 0)).toBe(true);
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
			expect(error instanceof NodeApiError || error instanceof NodeOperationError).toBe(true);
			expect(error.description).not.toMatch(/Retry On Fail/i);
			expect(error.description).toContain(NEXT_POLL_HINT);
		}
	});
});

/*
 * Generated runs. What must hold, checked at every poll against a model that knows only the lists and the clock:
 * - activation is the first poll that succeeds; it fires nothing;
 * - a poll that meets a failure either fails (a NodeApiError or NodeOperationError that says the next poll tries
 *   again, never to turn on Retry On Fail), firing nothing, or fires exactly what the model says;
 * - a poll that succeeds fires each record (with an ID) first listed by a poll that succeeded after activation, if it
 *   has no readable createdAt or if createdAt ≥ the floor (as in triggerLookBack.property.test.ts), once;
 * - a publication fired without `error` has all its files, each as a binary; `error` only where a failure was met;
 * - a restart brings back the static data n8n saved (after a poll that fired, or the activation), and the model's.
 * The lists change between polls as the inferred order of POST /publications/query allows the end-of-list reading:
 * in a run, publications are appended, and either inserted anywhere, deleted, or the whole list rotated.
 */

const FAULTS: Fault[] = [500, 503, 429, 404, 'reset'];
/** Failures at some of the first `requests` requests of a poll. */
const faultsAmong = (requests: number) => fc.array(fc.record({ at: fc.nat(requests - 1), fault: fc.constantFrom(...FAULTS) }), { maxLength: 3 });
const faults = faultsAmong(12);

type DateKind = 'now' | 'late' | 'equal' | 'ahead' | 'far' | 'undated' | 'old' | 'epochMs' | 'epochSeconds';
const dateKinds = fc.constantFrom<DateKind>('now', 'now', 'late', 'equal', 'ahead', 'far', 'undated', 'old', 'epochMs', 'epochSeconds');

/** A creation time of `kind` at the clock (undefined: unreadable), and how the API writes it. */
function dated(kind: DateKind, offset: number, times: number[]): { time: number | undefined; createdAt: IDataObject[string] } {
	const time = {
		now: clock - (offset % 120) * 1000,
		late: clock - (offset % 5400) * 1000,
		equal: times.length ? times[offset % times.length] : clock,
		ahead: clock + (60 + (offset % 18_000)) * 1000,
		far: Date.UTC(9999, 11, 31),
		undated: undefined,
		old: clock - 3 * HOUR,
		epochMs: clock - (offset % 600) * 1000,
		epochSeconds: clock - (offset % 600) * 1000,
	}[kind];
	if (time === undefined) return { time, createdAt: offset % 2 ? 'not a date' : null };
	if (kind === 'epochMs') return { time, createdAt: time };
	if (kind === 'epochSeconds') return { time, createdAt: time / 1000 };
	return { time, createdAt: iso(time) };
}

/** The model of a look-back window: what was listed by the polls that succeeded, the newest date, the floor. */
interface WindowModel {
	activated: boolean;
	listed: Set<string>;
	newest: number;
	floor: number;
}

const newWindow = (): WindowModel => ({ activated: false, listed: new Set(), newest: -Infinity, floor: -Infinity });
const copyWindow = (model: WindowModel): WindowModel => ({ ...model, listed: new Set(model.listed) });

interface Truth {
	key: string;
	time: number | undefined;
}

/** The records that must fire now, by the model as it was before the poll. */
const mustFire = <T extends Truth>(model: WindowModel, listed: T[]): T[] =>
	model.activated
		? listed.filter((truth) => !model.listed.has(truth.key) && (truth.time === undefined || truth.time >= model.floor))
		: [];

function advanceWindow(model: WindowModel, listed: Truth[]): void {
	for (const truth of listed) {
		model.listed.add(truth.key);
		if (truth.time !== undefined) model.newest = Math.max(model.newest, truth.time);
	}
	model.floor = Math.max(model.floor, Math.min(model.newest, clock) - LOOK_BACK_MS);
	model.activated = true;
}

/** Whether a failed poll says what the trigger's errors must say. */
function expectPollError(error: Error & { description?: string | null }) {
	expect(error).toBeInstanceOf(Error);
	expect(error instanceof NodeApiError || error instanceof NodeOperationError).toBe(true);
	expect(error.description).not.toMatch(/Retry On Fail/i);
	expect(error.description).toContain(NEXT_POLL_HINT);
}

const keysOf = (items: INodeExecutionData[]) => items.map((item) => String(item.json.id)).sort();

/**
 * An attachment listed without an ID, by a signed URL whose signature changes at every listing (the fake API hands
 * out the same object each time, so the URL is read anew).
 */
function signedAttachment(n: number): IDataObject {
	let listings = 0;
	return Object.defineProperty({ filename: `file-${n}.txt` }, 'url', {
		enumerable: true,
		get: () => `${BASE_URL}/attachments/${attachmentId(n)}?signature=${(listings += 1)}`,
	}) as IDataObject;
}

/** Which file of the world an attachment listed is: its ID, or its filename when listed without one. */
const fileKey = (file: IDataObject) => String(file.id ?? file.filename);

type PublicationStep =
	| { kind: 'publish'; date: DateKind; offset: number; numeric: boolean; files: number; position: number }
	| { kind: 'change'; pick: number }
	| { kind: 'poll'; advance: number; faults: Array<{ at: number; fault: Fault }> }
	| { kind: 'restart' };

const publicationSteps: fc.Arbitrary<PublicationStep[]> = fc.array(
	fc.oneof(
		{
			weight: 4,
			arbitrary: fc.record({
				kind: fc.constant('publish' as const),
				date: dateKinds,
				offset: fc.nat(20_000),
				numeric: fc.boolean(),
				files: fc.nat(2),
				position: fc.nat(),
			}),
		},
		{ weight: 1, arbitrary: fc.record({ kind: fc.constant('change' as const), pick: fc.nat() }) },
		{ weight: 4, arbitrary: fc.record({ kind: fc.constant('poll' as const), advance: fc.integer({ min: 0, max: 20 }), faults }) },
		{ weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
	),
	{ maxLength: 35 },
);

describe('generated runs of the poll, with failures at any request and restarts', () => {
	it('New Publication with Output Files: each publication fires once, with all its files, whatever fails', async () => {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('insertions', 'deletions', 'rotations'), publicationSteps, async (mode, steps) => {
				clock = START;
				const world = emptyWorld();
				const truths = new Map<string, Truth>();
				const thinkeo = trigger(world, { event: 'newPublication', outputFiles: 'all', requestOptions: { rateLimitMaxTries: 1 } });
				let model = newWindow();
				let savedModel: WindowModel | undefined;
				const firedCount = new Map<string, number>();
				let serial = 0;
				const poll = async (advance: number, injected: Array<{ at: number; fault: Fault }>) => {
					thinkeo.failing((_request, index) => injected.find(({ at }) => at === index)?.fault);
					const result = await thinkeo.poll(advance);
					const met = injected.some(({ at }) => at < thinkeo.requests.length);
					if ('error' in result) {
						expect(met).toBe(true);
						expectPollError(result.error);
						return;
					}
					const listed = world.publications.map((record) => truths.get(String(record.id)) as Truth);
					expect(keysOf(result.items)).toEqual(mustFire(model, listed).map((truth) => truth.key).sort());
					for (const item of result.items) {
						const key = String(item.json.id);
						firedCount.set(key, (firedCount.get(key) ?? 0) + 1);
						if (item.json.error !== undefined) {
							expect(met).toBe(true);
							continue;
						}
						const files = (world.attachments.get(key) ?? []).map((file) => file.id);
						expect((item.json.files as IDataObject[]).map((file) => file.attachmentId)).toEqual(files);
						expect(Object.keys(item.binary ?? {})).toHaveLength(files.length);
					}
					advanceWindow(model, listed);
					if (result.items.length || savedModel === undefined) savedModel = copyWindow(model);
				};
				for (const current of steps) {
					if (current.kind === 'publish') {
						serial += 1;
						const { time, createdAt } = dated(current.date, current.offset, [...truths.values()].flatMap((truth) => truth.time ?? []));
						const id = current.numeric ? serial : publicationId(serial);
						const record: IDataObject = { id, appId: 'app', createdAt };
						truths.set(String(id), { key: String(id), time });
						world.attachments.set(
							String(id),
							Array.from({ length: current.files }, (_, n) => attachment(serial * 10 + n)),
						);
						const at = mode === 'insertions' && current.position % 3 === 0 ? current.position % (world.publications.length + 1) : world.publications.length;
						world.publications.splice(at, 0, record);
					} else if (current.kind === 'change') {
						const count = world.publications.length;
						if (count > 1 && mode === 'deletions') world.publications.splice(current.pick % count, 1);
						if (count > 1 && mode === 'rotations') world.publications.push(...world.publications.splice(0, 1 + (current.pick % (count - 1))));
					} else if (current.kind === 'restart') {
						thinkeo.restart();
						model = copyWindow(savedModel ?? newWindow());
					} else {
						await poll(current.advance, current.faults);
					}
				}
				// Once the failures stop, the next poll fires what is left.
				await poll(1, []);
				await poll(1, []);
				expect([...firedCount.values()].every((count) => count === 1)).toBe(true);
			}),
			{ numRuns: 400 },
		);
	});

	it('New Team Log Entry: each entry of the chosen types fires once, whatever fails', async () => {
		const logSteps = fc.array(
			fc.oneof(
				{
					weight: 4,
					arbitrary: fc.record({
						kind: fc.constant('add' as const),
						date: dateKinds,
						offset: fc.nat(20_000),
						numeric: fc.boolean(),
						member: fc.boolean(),
						position: fc.nat(),
					}),
				},
				{ weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
				{ weight: 4, arbitrary: fc.record({ kind: fc.constant('poll' as const), advance: fc.integer({ min: 0, max: 20 }), faults }) },
				{ weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
				// More entries than the look-back window holds at once, none of which it can place by date.
				{
					weight: 1,
					arbitrary: fc.record({
						kind: fc.constant('bulk' as const),
						date: fc.constantFrom<DateKind>('undated', 'ahead', 'far'),
						count: fc.integer({ min: LOOK_BACK_MAX_IDS - 20, max: LOOK_BACK_MAX_IDS + 120 }),
					}),
				},
			),
			{ maxLength: 35 },
		);
		await fc.assert(
			fc.asyncProperty(logSteps, async (steps) => {
				clock = START;
				const world = emptyWorld();
				const truths = new Map<string, Truth & { member: boolean }>();
				const thinkeo = trigger(world, { event: 'newLogEntry', logTypes: 'member.*', requestOptions: { rateLimitMaxTries: 1 } });
				let model = newWindow();
				let savedModel: WindowModel | undefined;
				const firedCount = new Map<string, number>();
				let serial = 0;
				const poll = async (advance: number, injected: Array<{ at: number; fault: Fault }>) => {
					thinkeo.failing((_request, index) => injected.find(({ at }) => at === index)?.fault);
					const result = await thinkeo.poll(advance);
					if ('error' in result) {
						expect(injected.some(({ at }) => at === 0)).toBe(true);
						expectPollError(result.error);
						return;
					}
					const listed = world.logs.map((entry) => truths.get(String(entry.id)) as Truth & { member: boolean });
					const expected = mustFire(model, listed).filter((truth) => truth.member);
					expect(keysOf(result.items)).toEqual(expected.map((truth) => truth.key).sort());
					for (const key of keysOf(result.items)) firedCount.set(key, (firedCount.get(key) ?? 0) + 1);
					advanceWindow(model, listed);
					if (result.items.length || savedModel === undefined) savedModel = copyWindow(model);
				};
				for (const current of steps) {
					if (current.kind === 'add') {
						serial += 1;
						const { time, createdAt } = dated(current.date, current.offset, [...truths.values()].flatMap((truth) => truth.time ?? []));
						const id = current.numeric ? serial : `log-${serial}`;
						truths.set(String(id), { key: String(id), time, member: current.member });
						// Newest first, mostly; the order of the log matters to nothing.
						const at = current.position % 4 ? 0 : current.position % (world.logs.length + 1);
						world.logs.splice(at, 0, { id, action: current.member ? 'member.invite' : 'group.create', createdAt });
					} else if (current.kind === 'bulk') {
						// Within the bound of records that cannot be placed (the example above goes past it).
						if (world.logs.length + current.count > LOOK_BACK_LIMITS.maxUnplacedIds / 2) continue;
						for (let n = 0; n < current.count; n += 1) {
							serial += 1;
							// Ahead by a day: still ahead at the end of the run, so never among the 500 before the clock
							// that close the window (which the model leaves out).
							const { time, createdAt } = current.date === 'ahead' ? { time: clock + DAY + n * 1000, createdAt: iso(clock + DAY + n * 1000) } : dated(current.date, n, []);
							truths.set(`log-${serial}`, { key: `log-${serial}`, time, member: true });
							world.logs.unshift({ id: `log-${serial}`, action: 'member.invite', createdAt });
						}
					} else if (current.kind === 'delete') {
						if (world.logs.length) world.logs.splice(current.pick % world.logs.length, 1);
					} else if (current.kind === 'restart') {
						thinkeo.restart();
						model = copyWindow(savedModel ?? newWindow());
					} else {
						await poll(current.advance, current.faults);
					}
				}
				await poll(1, []);
				expect([...firedCount.values()].every((count) => count === 1)).toBe(true);
			}),
			{ numRuns: 500 },
		);
	});

	it('New Attachment (Recent Publications): each attachment fires once, whatever listing fails', async () => {
		const watchSteps = fc.array(
			fc.oneof(
				{
					weight: 3,
					arbitrary: fc.record({
						kind: fc.constant('publish' as const),
						date: fc.constantFrom<DateKind>('now', 'now', 'ahead', 'far', 'undated', 'old', 'epochSeconds'),
						numeric: fc.boolean(),
						files: fc.nat(2),
					}),
				},
				{ weight: 3, arbitrary: fc.record({ kind: fc.constant('attach' as const), pick: fc.nat(), relink: fc.boolean() }) },
				{ weight: 1, arbitrary: fc.record({ kind: fc.constant('detach' as const), pick: fc.nat() }) },
				{ weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
				{ weight: 4, arbitrary: fc.record({ kind: fc.constant('poll' as const), advance: fc.integer({ min: 0, max: 3 }), faults: faultsAmong(6) }) },
				{ weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
			),
			{ maxLength: 35 },
		);
		interface WatchModel extends WindowModel {
			seen: Map<string, Set<string>>;
		}
		const copyWatch = (model: WatchModel): WatchModel => ({
			...copyWindow(model),
			seen: new Map([...model.seen].map(([id, files]) => [id, new Set(files)])),
		});
		await fc.assert(
			fc.asyncProperty(watchSteps, async (steps) => {
				clock = START;
				const world = emptyWorld();
				const truths = new Map<string, Truth>();
				const detached = new Map<string, IDataObject[]>();
				const seed = publication(0, iso(clock - MINUTE));
				world.publications.push(seed);
				world.attachments.set(String(seed.id), []);
				truths.set(String(seed.id), { key: String(seed.id), time: clock - MINUTE });
				const thinkeo = trigger(world, {
					event: 'newAttachment',
					watch: 'recent',
					watchCount: 100,
					requestOptions: { rateLimitMaxTries: 1 },
				});
				let model: WatchModel = { ...newWindow(), seen: new Map() };
				let savedModel: WatchModel | undefined;
				const firedCount = new Map<string, number>();
				let serial = 0;
				const pick = (n: number) => world.publications[n % world.publications.length];
				const poll = async (advance: number, injected: Array<{ at: number; fault: Fault }>) => {
					thinkeo.failing((_request, index) => injected.find(({ at }) => at === index)?.fault);
					const result = await thinkeo.poll(advance);
					const faulted = thinkeo.requests.filter((_request, index) => injected.some(({ at }) => at === index));
					const listingFailed = faulted.some((request) => request.path === '/publications/query');
					const failed = new Set(faulted.flatMap((request) => /^\/publications\/([^/]+)\/attachments$/.exec(request.path)?.[1] ?? []));
					const listed = world.publications.map((record) => truths.get(String(record.id)) as Truth);
					const expected: string[] = [];
					const seen = new Map<string, Set<string>>();
					for (const truth of listed) {
						const known = model.seen.get(truth.key);
						if (failed.has(truth.key)) {
							if (known) seen.set(truth.key, known);
							continue;
						}
						const isNew = mustFire(model, [truth]).length > 0;
						const present = (world.attachments.get(truth.key) ?? []).map(fileKey);
						if (known || isNew) expected.push(...present.filter((id) => !known?.has(id)).map((id) => `${truth.key}/${id}`));
						seen.set(truth.key, new Set([...(known ?? []), ...present]));
					}
					if (listingFailed || (expected.length === 0 && failed.size > 0)) {
						expect(result).toHaveProperty('error');
						expectPollError((result as { error: Error }).error);
						return;
					}
					expect(result).toHaveProperty('items');
					const items = (result as { items: INodeExecutionData[] }).items;
					const fired = items.map((item) => `${String(item.json.publicationId)}/${fileKey(item.json)}`);
					expect(fired.sort()).toEqual(expected.sort());
					for (const key of fired) firedCount.set(key, (firedCount.get(key) ?? 0) + 1);
					advanceWindow(model, listed.filter((truth) => !failed.has(truth.key)));
					model.seen = seen;
					if (items.length || savedModel === undefined) savedModel = copyWatch(model);
				};
				for (const current of steps) {
					if (current.kind === 'publish') {
						serial += 1;
						const { time, createdAt } = dated(current.date, 0, []);
						const id = current.numeric ? serial : publicationId(serial);
						truths.set(String(id), { key: String(id), time });
						world.attachments.set(
							String(id),
							Array.from({ length: current.files }, (_, n) => attachment(serial * 100 + n)),
						);
						world.publications.push({ id, appId: 'app', createdAt });
					} else if (current.kind === 'attach') {
						const key = String(pick(current.pick).id);
						const files = world.attachments.get(key) ?? [];
						serial += 1;
						// Every third new file is listed without an ID, by a signed URL.
						files.push((current.relink && detached.get(key)?.pop()) || (serial % 3 ? attachment : signedAttachment)(serial * 100));
					} else if (current.kind === 'detach') {
						const key = String(pick(current.pick).id);
						const files = world.attachments.get(key) ?? [];
						if (files.length) detached.set(key, [...(detached.get(key) ?? []), ...files.splice(0, 1)]);
					} else if (current.kind === 'delete') {
						if (world.publications.length > 1) world.publications.splice(current.pick % world.publications.length, 1);
					} else if (current.kind === 'restart') {
						thinkeo.restart();
						model = copyWatch(savedModel ?? { ...newWindow(), seen: new Map() });
					} else {
						await poll(current.advance, current.faults);
					}
				}
				await poll(1, []);
				expect([...firedCount.values()].every((count) => count === 1)).toBe(true);
			}),
			{ numRuns: 600 },
		);
	});
});
