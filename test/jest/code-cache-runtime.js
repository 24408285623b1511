'use strict';
/*
 * jest's module runtime, with V8's code cache kept across the test files of a worker.
 *
 * jest gives every test file a fresh module registry, so each file compiles aws-cdk-lib's
 * modules and ours again: measured, about 160 ms of each file's time is compiling (2 of
 * every 3 ms go to parsing the same sources the file before parsed). V8 can skip the
 * parsing when it is handed the code cache of an identical source: the first file of a
 * worker compiles a module and keeps its cache, the next files compile it from that cache.
 * What runs is unchanged: V8 rejects a cache that does not belong to the source it gets,
 * and a module is still evaluated afresh in every file's own context.
 *
 * With coverage (test:coverage), nothing changes: V8's block coverage is left to see every
 * function as jest usually compiles it.
 */
const vm = require('vm');
const Runtime = require('jest-runtime').default;

/** Per worker process: a module's file name -> its source, parameters and code cache. */
const codeCache = new Map();
let installed = false;

function installCodeCache() {
  const compileFunction = vm.compileFunction;
  vm.compileFunction = function compileWithCodeCache(code, params, options = {}) {
    const key = options.filename;
    const signature = (params ?? []).join(',');
    const kept = key === undefined ? undefined : codeCache.get(key);
    const reuse = kept !== undefined && kept.code === code && kept.signature === signature;
    const fn = compileFunction(code, params, { ...options, ...(reuse ? { cachedData: kept.data } : { produceCachedData: key !== undefined }) });
    if (reuse && fn.cachedDataRejected) {
      codeCache.delete(key);
    } else if (!reuse && fn.cachedDataProduced) {
      codeCache.set(key, { code, signature, data: fn.cachedData });
    }
    return fn;
  };
}

class CodeCacheRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    if (!installed && !this._coverageOptions?.collectCoverage) {
      installCodeCache();
      installed = true;
    }
  }
}

module.exports = CodeCacheRuntime;
