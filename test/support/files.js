// Scratch files for end-to-end tests that feed n8n's Read/Write Files node.
const { createHash, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** A file of `size` random bytes in a fresh folder: {dir, path, sha1 (hex), size, remove()}. */
function randomFile(size, name = 'random.bin') {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thinkeo-files-'));
	const bytes = randomBytes(size);
	const file = path.join(dir, name);
	fs.writeFileSync(file, bytes);
	return {
		dir,
		path: file,
		size,
		sha1: createHash('sha1').update(bytes).digest('hex'),
		remove: () => fs.rmSync(dir, { recursive: true, force: true }),
	};
}

/**
 * The bytes n8n stored for a binary property in filesystem mode, in the user folder `home`: 2.x keeps them under
 * .n8n/storage/, 1.x under .n8n/binaryData/. Throws when neither holds the file.
 */
function storedBinary(home, binaryId) {
	const fileId = String(binaryId).split(':').slice(1).join(':');
	const candidates = ['storage', 'binaryData'].map((folder) => path.join(home, '.n8n', folder, fileId));
	const found = candidates.find((candidate) => fs.existsSync(candidate));
	if (!found) throw new Error(`n8n stored no file for ${binaryId} (looked in ${candidates.join(', ')})`);
	return fs.readFileSync(found);
}

/**
 * Every file n8n keeps for binary data in the user folder `home` (.n8n/storage/ on 2.x, .n8n/binaryData/ on 1.x),
 * with its size in bytes: to check that a download stopped half-way left nothing behind.
 * @returns {Array<{ path: string, size: number }>}
 */
function storedFiles(home) {
	const roots = ['storage', 'binaryData'].map((folder) => path.join(home, '.n8n', folder)).filter((root) => fs.existsSync(root));
	return roots.flatMap((root) =>
		fs
			.readdirSync(root, { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => {
				const file = path.join(entry.parentPath, entry.name);
				return { path: path.relative(root, file), size: fs.statSync(file).size };
			}),
	);
}

/** The peak RSS in MB that GNU time (`-f %M`) wrote to `file`. */
function peakRssMb(file) {
	return Number(fs.readFileSync(file, 'utf8').trim().split('\n').at(-1)) / 1024;
}

module.exports = { randomFile, storedBinary, storedFiles, peakRssMb };
