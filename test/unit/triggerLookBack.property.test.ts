/**
 * The look-back window (advanceLookBack) and New Attachment's watch (advanceAttachmentWatch) against a model, over
 * generated runs: records inserted with dates now, late, equal, at the window's edge, hours or millennia ahead,
 * unreadable, as ISO text or epoch numbers, with string or number IDs or none; deletions; listings in any order
 * with repeats; polls whose result is thrown away (a poll that fails after reading); restarts, which bring back the
 * static data n8n last saved (after a poll that fired, or the activation).
 *
 * What is guaranteed, with fewer records than the bounds:
 * - activation is the first poll that completes; it fires nothing;
 * - a record with an ID fires exactly once, at the first completed poll after activation that lists it, if it has
 *   no readable createdAt or if createdAt ≥ the floor; otherwise it never fires. The floor is the largest, over the
 *   completed polls before, of (newest createdAt listed so far, but no later than that poll's clock) − LOOK_BACK_MS;
 * - so the window never starts after the clock − LOOK_BACK_MS, and the state stays within its bounds.
 * Past the bounds (small ones, with lists longer than them, many undated records and many dated ahead of the clock,
 * reads of the whole list or of its end only): no record fires twice; a poll fails, with an error saying so, exactly
 * when more records than the bound cannot be placed in the window (undated, or dated at or after the clock); and
 * a record inserted after activation, undated or dated at or after the clock, fires at the next poll that does not
 * fail, so a failed poll loses nothing; the state stays within the bounds.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { AttachmentWatch, LookBack, LookBackLimits } from '../../nodes/Thinkeo/trigger/pollState';
import { advanceAttachmentWatch, advanceLookBack, LOOK_BACK_LIMITS, LOOK_BACK_MS } from '../../nodes/Thinkeo/trigger/pollState';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 0, 1, 12);
const YEAR_9999 = Date.UTC(9999, 11, 31);

type DateKind = 'now' | 'late' | 'equal' | 'edge' | 'beforeEdge' | 'old' | 'ahead' | 'far' | 'undated';
type Shape = 'iso' | 'isoOffset' | 'ms' | 'msText' | 'seconds';
type IdKind = 'text' | 'number' | 'none';

type Step =
	| { kind: 'insert'; date: DateKind; shape: Shape; id: IdKind; offset: number; unreadable: number }
	| { kind: 'delete'; index: number }
	| { kind: 'poll'; advance: number; fails: boolean; order: number[]; repeat: number }
	| { kind: 'restart' };

const dateKinds: DateKind[] = ['now', 'now', 'late', 'equal', 'edge', 'beforeEdge', 'old', 'ahead', 'far', 'undated'];

const step: fc.Arbitrary<Step> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('insert' as const),
			date: fc.constantFrom(...dateKinds),
			shape: fc.constantFrom<Shape>('iso', 'isoOffset', 'ms', 'msText', 'seconds'),
			id: fc.constantFrom<IdKind>('text', 'text', 'number', 'none'),
			offset: fc.integer({ min: 0, max: 5 * 60 * 60 }),
			unreadable: fc.nat(6),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), index: fc.nat() }) },
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('poll' as const),
			advance: fc.integer({ min: 0, max: 40 * 60 }),
			fails: fc.nat(3).map((n) => n === 0),
			order: fc.array(fc.nat(), { maxLength: 8 }),
			repeat: fc.nat(3),
		}),
	},
	{ weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

/** A record of the world: its true creation time (undefined: unreadable) and how the API shows it. */
interface Truth {
	key: string;
	time: number | undefined;
	record: IDataObject;
}

const UNREADABLE: unknown[] = [undefined, null, 'not a date', '', {}, true, NaN];

function shown(time: number, shape: Shape): unknown {
	switch (shape) {
		case 'isoOffset':
			// The same instant, written two hours east of UTC.
			return new Date(time + 2 * HOUR).toISOString().replace('Z', '+02:00');
		case 'ms':
			return time;
		case 'msText':
			return String(time);
		case 'seconds':
			// Epoch seconds are read as such below 1e11 (the year 5138); later dates go as ISO text.
			return time / SECOND < 1e11 ? time / SECOND : new Date(time).toISOString();
		default:
			return new Date(time).toISOString();
	}
}

/** What the model knows after each completed poll, saved and brought back like the static data. */
interface Model {
	activated: boolean;
	listed: Set<string>;
	newest: number;
	floor: number;
}

const copyModel = (model: Model): Model => ({ ...model, listed: new Set(model.listed) });

/** Reorders `records` by the generated `order`, and lists some of them twice (a page boundary shifting). */
function listing<T>(records: T[], order: number[], repeat: number): T[] {
	const shuffled = [...records];
	order.forEach((pick, index) => {
		if (shuffled.length < 2) return;
		const from = pick % shuffled.length;
		const to = index % shuffled.length;
		[shuffled[from], shuffled[to]] = [shuffled[to], shuffled[from]];
	});
	return [...shuffled, ...shuffled.slice(0, repeat)];
}

describe('look-back window (generated runs)', () => {
	it('fires each record first listed after activation exactly once when it is dated within the window or undated, and never otherwise', () => {
		fc.assert(
			fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
				let clock = START;
				let serial = 0;
				const world: Truth[] = [];
				const firedCount = new Map<string, number>();
				let state: LookBack | undefined;
				let saved: LookBack | undefined;
				let model: Model = { activated: false, listed: new Set(), newest: -Infinity, floor: -Infinity };
				let savedModel = copyModel(model);
				for (const current of steps) {
					if (current.kind === 'insert') {
						const dated = world.filter((truth) => truth.time !== undefined);
						const time = (() => {
							switch (current.date) {
								case 'now':
									return clock - (current.offset % 120) * SECOND;
								case 'late':
									return clock - (current.offset % 5400) * SECOND;
								case 'equal':
									return dated.length ? dated[current.offset % dated.length].time : clock;
								case 'edge':
									return Number.isFinite(model.floor) ? model.floor : clock;
								case 'beforeEdge':
									return Number.isFinite(model.floor) ? model.floor - SECOND : clock - 2 * HOUR;
								case 'old':
									return clock - 3 * HOUR;
								case 'ahead':
									return clock + (60 + current.offset) * SECOND;
								case 'far':
									return YEAR_9999 - (current.offset % 1000) * SECOND;
								default:
									return undefined;
							}
						})();
						serial += 1;
						const key = `r${serial}`;
						const record: IDataObject = {
							name: key,
							createdAt: (time === undefined ? UNREADABLE[current.unreadable] : shown(time, current.shape)) as IDataObject[string],
						};
						if (current.id === 'text') record.id = key;
						if (current.id === 'number') record.id = serial;
						if (current.id === 'none') delete record.id;
						world.push({ key: current.id === 'none' ? `none${serial}` : String(record.id), time, record });
					} else if (current.kind === 'delete') {
						if (world.length) world.splice(current.index % world.length, 1);
					} else if (current.kind === 'restart') {
						state = saved && (JSON.parse(JSON.stringify(saved)) as LookBack);
						model = copyModel(savedModel);
					} else {
						clock += current.advance * SECOND;
						const listed = listing(world, current.order, current.repeat);
						const result = advanceLookBack(
							listed.map((truth) => truth.record),
							state,
							clock,
						);
						if (current.fails) continue;
						// The model's verdict on this poll, from what it knew before it.
						const once = [...new Map(listed.map((truth) => [truth.key, truth])).values()];
						const expected = model.activated
							? once.filter(
									(truth) =>
										truth.record.id !== undefined &&
										!model.listed.has(truth.key) &&
										(truth.time === undefined || truth.time >= model.floor),
								)
							: [];
						const fired = result.fresh.map((record) => String(record.id));
						expect(fired.sort()).toEqual(expected.map((truth) => truth.key).sort());
						// Oldest first, an undated record counting as created at the poll.
						const times = result.fresh.map((record) => once.find((truth) => truth.record === record)?.time ?? clock);
						expect(times).toEqual([...times].sort((a, b) => a - b));
						for (const key of fired) firedCount.set(key, (firedCount.get(key) ?? 0) + 1);

						// A record without an ID is not kept: it counts for nothing.
						const withId = once.filter((truth) => truth.record.id !== undefined);
						for (const truth of withId) model.listed.add(truth.key);
						for (const truth of withId) if (truth.time !== undefined) model.newest = Math.max(model.newest, truth.time);
						model.floor = Math.max(model.floor, Math.min(model.newest, clock) - LOOK_BACK_MS);
						model.activated = true;
						state = JSON.parse(JSON.stringify(result.state)) as LookBack;

						const floorAt = state.floorAt === undefined ? -Infinity : Date.parse(state.floorAt);
						expect(floorAt).toBe(model.floor);
						expect(floorAt).toBeLessThanOrEqual(clock - LOOK_BACK_MS);
						expect(Object.keys(state.seen).length).toBeLessThanOrEqual(LOOK_BACK_LIMITS.maxIds);
						// n8n saves the static data after a poll that fired (an execution) and at activation.
						if (fired.length || saved === undefined) {
							saved = state;
							savedModel = copyModel(model);
						}
					}
				}
				expect([...firedCount.values()].every((count) => count === 1)).toBe(true);
			}),
			{ numRuns: 1500 },
		);
	});

	it('past small bounds: fires each record once or fails the poll clearly, stays bounded, and loses nothing', () => {
		const limits: LookBackLimits = { windowMs: 2 * HOUR, maxIds: 6, maxUnplacedIds: 5 };
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						inserts: fc.array(
							fc.record({
								date: fc.constantFrom<DateKind>(...dateKinds, 'undated', 'undated', 'ahead', 'ahead'),
								offset: fc.integer({ min: 0, max: 4 * 60 * 60 }),
							}),
							{ maxLength: 8 },
						),
						deletes: fc.array(fc.nat(), { maxLength: 4 }),
						advance: fc.integer({ min: 0, max: 60 * 60 }),
						order: fc.array(fc.nat(), { maxLength: 6 }),
						// Only the end of the list read, as New Publication does while nothing was deleted.
						endOnly: fc.boolean(),
					}),
					{ maxLength: 25 },
				),
				(polls) => {
					let clock = START;
					let serial = 0;
					const world: Array<{ record: IDataObject; time: number | undefined }> = [];
					const fired = new Map<string, number>();
					let state: LookBack | undefined;
					let deletedSinceSaved = false;
					// The records listed when the state was last kept: an end-only read starts at or before the next one.
					let keptLength = 0;
					// Inserted after activation and placed at or after any window start: they must fire at the next poll kept.
					let due = new Set<string>();
					for (const poll of polls) {
						for (const pick of poll.deletes) {
							if (!world.length) break;
							const [gone] = world.splice(pick % world.length, 1);
							due.delete(String(gone.record.id));
							deletedSinceSaved = true;
						}
						for (const insert of poll.inserts) {
							serial += 1;
							const time = {
								now: clock,
								late: clock - (insert.offset % 5400) * SECOND,
								equal: world[0]?.time ?? clock,
								edge: clock - limits.windowMs,
								beforeEdge: clock - limits.windowMs - SECOND,
								old: clock - 3 * HOUR,
								ahead: clock + insert.offset * SECOND,
								far: YEAR_9999,
								undated: undefined,
							}[insert.date];
							const id = `r${serial}`;
							world.push({ record: { id, createdAt: time === undefined ? 'unreadable' : new Date(time).toISOString() }, time });
							if (state && (time === undefined || time >= clock)) due.add(id);
						}
						clock += poll.advance * SECOND;
						const endOnly = state !== undefined && poll.endOnly && !deletedSinceSaved;
						const read = endOnly ? world.slice(Math.min(keptLength, Math.max(world.length - 3, 0))) : world;
						const unplaced = world.filter((truth) => truth.time === undefined || truth.time >= clock).length;
						const run = () =>
							advanceLookBack(
								listing(read, poll.order, 1).map((truth) => truth.record),
								state,
								clock,
								endOnly ? 'end' : 'whole',
								limits,
							);
						if (unplaced > limits.maxUnplacedIds) {
							expect(run).toThrow(`Thinkeo lists ${unplaced} records that have no readable createdAt`);
							continue;
						}
						const result = run();
						const freshIds = result.fresh.map((record) => String(record.id));
						expect(freshIds).toEqual(expect.arrayContaining([...due]));
						if (state === undefined) expect(freshIds).toEqual([]);
						due = new Set();
						state = JSON.parse(JSON.stringify(result.state)) as LookBack;
						deletedSinceSaved = false;
						keptLength = world.length;
						for (const id of freshIds) fired.set(id, (fired.get(id) ?? 0) + 1);
						const seen = Object.values(state.seen);
						expect(seen.filter((at) => at < clock).length).toBeLessThanOrEqual(limits.maxIds);
						expect((state.undated ?? []).length + seen.filter((at) => at >= clock).length).toBeLessThanOrEqual(limits.maxUnplacedIds);
						if (state.floorAt !== undefined) expect(Date.parse(state.floorAt)).toBeLessThanOrEqual(clock);
					}
					expect([...fired.values()].every((count) => count === 1)).toBe(true);
				},
			),
			{ numRuns: 2000 },
		);
	});
});

type WatchStep =
	| { kind: 'publish'; date: 'now' | 'ahead' | 'undated' | 'old'; numeric: boolean; files: number }
	| { kind: 'attach'; publication: number; relink: boolean }
	| { kind: 'detach'; publication: number; file: number }
	| { kind: 'delete'; publication: number }
	| { kind: 'poll'; advance: number; failing: number[]; fails: boolean }
	| { kind: 'restart' };

const watchStep: fc.Arbitrary<WatchStep> = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('publish' as const),
			date: fc.constantFrom('now' as const, 'now' as const, 'ahead' as const, 'undated' as const, 'old' as const),
			numeric: fc.boolean(),
			files: fc.nat(2),
		}),
	},
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('attach' as const), publication: fc.nat(), relink: fc.boolean() }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('detach' as const), publication: fc.nat(), file: fc.nat() }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), publication: fc.nat() }) },
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('poll' as const),
			advance: fc.integer({ min: 0, max: 3 * 60 }),
			failing: fc.array(fc.nat(), { maxLength: 3 }),
			fails: fc.nat(3).map((n) => n === 0),
		}),
	},
	{ weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

/** An attachment as listed: by its ID, or (`signed`) without one, by a URL whose signature changes at every listing. */
const listedFile = (file: IDataObject, listing: number): IDataObject =>
	file.signed
		? { filename: file.filename, url: `https://cdn.example/files/${String(file.id)}.pdf?signature=${listing}#view` }
		: { id: file.id, filename: file.filename };

/** Which file of the world an attachment listed is. */
const fileKey = (attachment: IDataObject): string => String(attachment.id ?? String(attachment.filename).replace(/\.pdf$/, ''));

/** The look-back model of the publications listed (see above), and the attachments seen per publication. */
interface WatchModel extends Model {
	seen: Map<string, Set<string>>;
}

const copyWatchModel = (model: WatchModel): WatchModel => ({
	...copyModel(model),
	seen: new Map([...model.seen].map(([id, files]) => [id, new Set(files)])),
});

describe('attachment watch (generated runs)', () => {
	it('fires each attachment once: every one of a new publication, those linked later to any watched one; a failed listing loses none', () => {
		fc.assert(
			fc.property(fc.array(watchStep, { maxLength: 50 }), (steps) => {
				let clock = START;
				let serial = 0;
				let fileSerial = 0;
				type Watched = { record: IDataObject; id: string; time: number | undefined; files: IDataObject[]; detached: IDataObject[] };
				const world: Watched[] = [
					{ record: { id: 'seed', createdAt: new Date(clock - MINUTE).toISOString() }, id: 'seed', time: clock - MINUTE, files: [], detached: [] },
				];
				// Every third file is listed without an ID, by a signed URL that changes at every listing.
				const file = () => ({ id: `f${(fileSerial += 1)}`, filename: `f${fileSerial}.pdf`, signed: fileSerial % 3 === 0 });
				let listings = 0;
				let state: AttachmentWatch | undefined;
				let saved: AttachmentWatch | undefined;
				let model: WatchModel = { activated: false, listed: new Set(), newest: -Infinity, floor: -Infinity, seen: new Map() };
				let savedModel = copyWatchModel(model);
				const firedCount = new Map<string, number>();
				for (const current of steps) {
					if (current.kind === 'publish') {
						serial += 1;
						const time = { now: clock, ahead: clock + 5 * HOUR, undated: undefined, old: clock - 3 * HOUR }[current.date];
						const record: IDataObject = { id: current.numeric ? serial : `p${serial}`, createdAt: time === undefined ? undefined : new Date(time).toISOString() };
						world.push({ record, id: String(record.id), time, files: Array.from({ length: current.files }, file), detached: [] });
					} else if (current.kind === 'attach') {
						const publication = world[current.publication % world.length];
						// Linked again after it was removed, or a new file.
						if (publication) publication.files.push((current.relink && publication.detached.pop()) || file());
					} else if (current.kind === 'detach') {
						const publication = world[current.publication % world.length];
						if (publication?.files.length) publication.detached.push(...publication.files.splice(current.file % publication.files.length, 1));
					} else if (current.kind === 'delete') {
						if (world.length) world.splice(current.publication % world.length, 1);
					} else if (current.kind === 'restart') {
						state = saved && (JSON.parse(JSON.stringify(saved)) as AttachmentWatch);
						model = copyWatchModel(savedModel);
					} else {
						clock += current.advance * SECOND;
						const failed = new Set(current.failing.filter(() => world.length).map((pick) => world[pick % world.length].id));
						const result = advanceAttachmentWatch(
							{
								listed: world.map((publication) => publication.record),
								watched: world
									.filter((publication) => !failed.has(publication.id))
									.map(({ id, files }) => ({ id, attachments: files.map((entry) => listedFile(entry, (listings += 1))) })),
								failed: [...failed],
							},
							state,
							clock,
						);
						if (current.fails) continue;

						const expected: string[] = [];
						const seen = new Map<string, Set<string>>();
						for (const publication of world) {
							const known = model.seen.get(publication.id);
							if (failed.has(publication.id)) {
								if (known) seen.set(publication.id, known);
								continue;
							}
							// New: first listed (with its attachments read) after activation, and undated or dated within the window.
							const isNew =
								model.activated &&
								!model.listed.has(publication.id) &&
								(publication.time === undefined || publication.time >= model.floor);
							// A run removes fewer files than REMOVED_ATTACHMENTS_KEPT: every removed one stays remembered.
							const present = publication.files.map((entry) => String(entry.id));
							if (known || isNew) expected.push(...present.filter((id) => !known?.has(id)).map((id) => `${publication.id}/${id}`));
							seen.set(publication.id, new Set([...(known ?? []), ...present]));
						}
						for (const publication of world.filter(({ id }) => !failed.has(id))) {
							model.listed.add(publication.id);
							if (publication.time !== undefined) model.newest = Math.max(model.newest, publication.time);
						}
						model.floor = Math.max(model.floor, Math.min(model.newest, clock) - LOOK_BACK_MS);
						model.seen = seen;
						model.activated = true;

						const fired = result.fresh.map(({ publicationId, attachment }) => `${publicationId}/${fileKey(attachment)}`);
						expect(fired.sort()).toEqual(expected.sort());
						for (const key of fired) firedCount.set(key, (firedCount.get(key) ?? 0) + 1);
						state = JSON.parse(JSON.stringify(result.state)) as AttachmentWatch;
						expect(Object.keys(state.seen).length).toBeLessThanOrEqual(world.length);
						if (fired.length || saved === undefined) {
							saved = state;
							savedModel = copyWatchModel(model);
						}
					}
				}
				expect([...firedCount.values()].every((count) => count === 1)).toBe(true);
			}),
			{ numRuns: 1500 },
		);
	});

	it('keeps per publication what is listed and the last removed ones: fires on appearance only, once while the history holds', () => {
		const removedKept = 3;
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.nat(9), { maxLength: 7 }), { maxLength: 40 }),
				fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
				(listings, signed) => {
					const files = Array.from({ length: 10 }, (_, n) => ({ id: `f${n}`, filename: `f${n}.pdf`, signed: signed[n] }));
					let state: AttachmentWatch | undefined;
					let previous = new Set<string>();
					const removed = new Set<string>();
					const fired = new Map<string, number>();
					listings.forEach((picks, listing) => {
						const present = [...new Set(picks)].map((n) => files[n]);
						const attachments = present.map((entry) => listedFile(entry, listing));
						const result = advanceAttachmentWatch({ watched: [{ id: 'p', attachments }], failed: [] }, state, START, removedKept);
						const now = new Set(present.map((entry) => entry.id));
						for (const key of previous) if (!now.has(key)) removed.add(key);
						for (const { attachment } of result.fresh) {
							const key = fileKey(attachment);
							// Only a file absent from the last listing can fire.
							expect(state !== undefined && !previous.has(key)).toBe(true);
							fired.set(key, (fired.get(key) ?? 0) + 1);
						}
						state = JSON.parse(JSON.stringify(result.state)) as AttachmentWatch;
						expect(state.seen.p.length).toBeLessThanOrEqual(now.size + removedKept);
						previous = now;
					});
					if (removed.size <= removedKept) expect([...fired.values()].every((count) => count === 1)).toBe(true);
				},
			),
			{ numRuns: 3000 },
		);
	});
});
