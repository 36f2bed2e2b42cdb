// Waiting in the end-to-end tests, for what happens on n8n's own schedule (poll triggers). CommonJS on purpose:
// the TypeScript tests are linted with n8n's rules, which forbid timers.

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `check` until it resolves a truthy value, and resolves that value; fails after `timeoutMs` with `what`.
 * @template T
 * @param {() => Promise<T>} check
 * @param {{ timeoutMs: number, what: string, intervalMs?: number }} options
 * @returns {Promise<T>}
 */
async function waitFor(check, { timeoutMs, what, intervalMs = 1000 }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await pause(intervalMs);
	}
}

module.exports = { pause, waitFor };
