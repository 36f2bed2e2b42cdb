/**
 * The rate gate's pacing, step by step on a virtual clock: the start before Thinkeo limits the rate, the rate learned
 * from the count of accepted answers, the cut when the count does not explain a rate-limit answer, the raises that
 * find a limit that rose again, and the turns shared between executions (rateGate.property.test.ts searches the
 * bounds with fast-check).
 */
import { RateGate } from '../../nodes/Thinkeo/transport/rateGate';
import { VirtualClock } from '../support/virtualClock';

const START = 1_000_000;

/** `count` turns asked for at once in `lane`; resolves when each started, relative to START. */
function turns(gate: RateGate, count: number, lane = '', limitMs?: number) {
	return Array.from({ length: count }, async () => {
		const waited = await gate.turn(limitMs, lane);
		return waited === undefined ? undefined : gate.clock.now() - START;
	});
}

/** Answers accepted at `clock`'s time, `count` of them. */
function accept(gate: RateGate, count: number) {
	for (let i = 0; i < count; i++) gate.noteAccepted();
}

describe('the rate gate before Thinkeo limits the rate', () => {
	it('starts ten requests at once, then at 20 per second doubling every 100 ms', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const starts = (await clock.run(Promise.all(turns(gate, 14)))) as number[];
		expect(starts.slice(0, 10)).toEqual(Array(10).fill(0));
		// 50 ms at 20/s, then 1 s divided by the rate at the last start.
		expect(starts[10]).toBe(50);
		expect(starts[11] - starts[10]).toBeCloseTo(1000 / (20 * 2 ** 0.5), 6);
		expect(starts[12] - starts[11]).toBeCloseTo(1000 / (20 * 2 ** (starts[11] / 100)), 6);
		expect(starts[13] - starts[12]).toBeLessThan(starts[12] - starts[11]);
	});

	it('never refuses a turn then, and never waits past the limit asked for: the early rate is the node’s own', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const starts = await clock.run(Promise.all([...turns(gate, 12), ...turns(gate, 3, '', 0), ...turns(gate, 3, '', 60)]));
		expect(starts.slice(12, 15)).toEqual([0, 0, 0]);
		expect(starts.slice(15).every((start) => start !== undefined && start <= 60)).toBe(true);
		expect(starts.every((start) => start !== undefined)).toBe(true);
	});
});

/** A virtual clock whose sleeps end late as Node's timers do: never under 1 ms, rounded up, plus a tick. */
function lateClock(): VirtualClock {
	const clock = new VirtualClock(START);
	const sleep = clock.sleep;
	clock.sleep = async (ms: number) => await sleep(Math.max(1, Math.ceil(ms)) + 1);
	return clock;
}

/** The most starts in any span of `spanMs`. */
function busiest(starts: number[], spanMs: number): number {
	const sorted = [...starts].sort((a, b) => a - b);
	return Math.max(...sorted.map((start, i) => sorted.slice(i).filter((later) => later < start + spanMs).length));
}

describe('the rate gate when its timer wakes late', () => {
	it('keeps the start-up ramp’s schedule: 1000 turns asked at once end as late as on an exact timer, plus a tick', async () => {
		const onTime = new VirtualClock(START);
		const exact = (await onTime.run(Promise.all(turns(new RateGate(onTime), 1000)))) as number[];
		const clock = lateClock();
		const late = (await clock.run(Promise.all(turns(new RateGate(clock), 1000)))) as number[];
		// The ramp's own schedule, 20 per second doubling every 100 ms: about 0.85 s for 1000 starts.
		expect(Math.max(...exact)).toBeGreaterThan(800);
		expect(Math.max(...exact)).toBeLessThan(900);
		expect(Math.max(...late)).toBeLessThanOrEqual(Math.max(...exact) + 3);
	});

	it('keeps the rate in force at 200 per second, and never more starts in a second than the count it was learned from', async () => {
		const clock = lateClock();
		const gate = new RateGate(clock);
		accept(gate, 206);
		gate.noteLimited(1000);
		const starts = (await clock.run(Promise.all(turns(gate, 600)))) as number[];
		// 600 starts from 1 s at 200 per second (5.15 ms apart): the last one at 1 s + 599 × 5.15 ms.
		expect(Math.max(...starts)).toBeLessThanOrEqual(1000 + 599 * 5.15 + 3);
		expect(busiest(starts, 1000)).toBeLessThanOrEqual(206);
	});
});

describe('the rate gate while Thinkeo limits the rate', () => {
	it('holds every turn for the first Retry-After, then paces at the count of the last second, 3% under it', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		accept(gate, 4);
		gate.noteLimited(1000);
		const starts = await clock.run(Promise.all(turns(gate, 5)));
		expect(starts).toEqual([1000, 1257.5, 1515, 1772.5, 2030]);
	});

	it('sets the rate from the count again on a later rate-limit answer, or cuts it by a fifth when the count does not explain it', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		accept(gate, 20);
		gate.noteLimited(1000);
		const spacing = async () => {
			const [a, b] = await clock.run(Promise.all(turns(gate, 2)));
			return (b as number) - (a as number);
		};
		expect(await spacing()).toBeCloseTo(51.5, 6);
		// A request sent within a window of the cut meets a count that still holds the overshoot: no new cut.
		gate.noteLimited(1000, START + 900);
		expect(await spacing()).toBeCloseTo(51.5, 6);
		// 10 accepted in the last second: the rate falls to the count.
		clock.time += 2000;
		accept(gate, 10);
		gate.noteLimited(1000, clock.now());
		expect(await spacing()).toBeCloseTo(103, 6);
		// Rejected again while the count (10) matches the rate: the limit fell below it.
		clock.time += 1000;
		accept(gate, 10);
		gate.noteLimited(1000, clock.now());
		expect(await spacing()).toBeCloseTo(103 / 0.8, 6);
	});

	it('raises the rate after each quiet second, 5%, then 10%, 20%…, and waits longer before the next raise once one is rejected', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		accept(gate, 25);
		gate.noteLimited(0);
		const rate = async () => {
			const [a, b] = await clock.run(Promise.all(turns(gate, 2)));
			return 1000 / ((b as number) - (a as number));
		};
		const learned = 25 / 1.03;
		clock.time += 1000;
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo(learned * 1.05, 6);
		clock.time += 1000;
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo(learned * 1.05 * 1.1, 6);
		// Rejected within a window of the raise: back to the count, and the next raise only after 2 quiet seconds.
		clock.time += 500;
		accept(gate, 24);
		gate.noteLimited(0, clock.now());
		// The 24 and the answer accepted at the last raise, half a second ago.
		const count = 25;
		expect(await rate()).toBeCloseTo(count / 1.03, 6);
		clock.time += 1000;
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo(count / 1.03, 6);
		clock.time += 1000;
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo((count / 1.03) * 1.05, 6);
	});

	it('at a low rate, raises it only after 20 starts at that rate, or 4 s: each raise Thinkeo rejects costs a 429', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		accept(gate, 3);
		gate.noteLimited(0);
		const rate = async () => {
			const [a, b] = await clock.run(Promise.all(turns(gate, 2)));
			return 1000 / ((b as number) - (a as number));
		};
		// 3 a second: 20 starts take 6.9 s, so the first raise comes after 4 s (each look at the rate takes a spacing, 343 ms).
		for (const wait of [1000, 1000, 1200]) {
			clock.time += wait;
			gate.noteAccepted();
			expect(await rate()).toBeCloseTo(3 / 1.03, 6);
		}
		clock.time += 100;
		gate.noteAccepted();
		expect(await rate()).toBeCloseTo((3 / 1.03) * 1.05, 6);
	});

	it('serves waiting executions in turn, so that one that comes later is not held behind all of another’s', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		accept(gate, 10);
		gate.noteLimited(1000);
		const order: string[] = [];
		const ask = (lane: string, count: number) =>
			turns(gate, count, lane).map(async (start) => {
				await start;
				order.push(lane);
			});
		await clock.run(Promise.all([...ask('first', 6), ...ask('second', 3)]));
		expect(order).toEqual(['first', 'second', 'first', 'second', 'first', 'second', 'first', 'first', 'first']);
	});
});
