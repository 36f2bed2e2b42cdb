// Median and "median [min–max]" of a benchmark's runs, shared by scripts/bench.mjs and scripts/bench-queue.mjs.
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function summary(values, digits = 0) {
	const sorted = [...values].sort((a, b) => a - b);
	const range = sorted.length > 1 ? ` [${sorted[0].toFixed(digits)}–${sorted.at(-1).toFixed(digits)}]` : '';
	return `${median(values).toFixed(digits)}${range}`;
}
