'use strict';
/**
 * Makes sure lib/ holds the compiled library: the benchmark measures the JavaScript users
 * install, not ts-node. Compiles with the project's tsconfig.json when lib/ is missing or
 * older than any source file.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestSource(full));
    } else if (entry.name.endsWith('.ts')) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** @returns {string} the directory of the compiled library */
function ensureLib(log) {
  const libDir = path.join(ROOT, 'lib');
  const entry = path.join(libDir, 'index.js');
  const stale = !fs.existsSync(entry) || fs.statSync(entry).mtimeMs < newestSource(path.join(ROOT, 'src'));
  if (stale) {
    log('lib/ is missing or older than src/: compiling with tsc -p tsconfig.json ...');
    const tsc = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsc.cmd' : 'tsc');
    execFileSync(tsc, ['-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
    // tsc leaves unchanged outputs untouched; mark lib/ as built now.
    const now = new Date();
    fs.utimesSync(entry, now, now);
  }
  return libDir;
}

module.exports = { ensureLib, ROOT };
