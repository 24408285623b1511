/*
 * jest's runner for `npx projen test`: jest-light-runner, in child processes, with tsx compiling
 * the TypeScript.
 *
 * jest's default runner gives every test file a fresh module registry, so each file loads
 * aws-cdk-lib and our modules again: measured, about 0.3 s of CPU per file, a third of the
 * suite. Here each worker is a plain Node.js process that loads a module once for all the
 * files it runs. What a test asserts is unchanged; what is lost is isolation between files,
 * so `npx projen test:coverage` (CI) runs the same files under jest's default runner, each
 * file alone, as a check that no test depends on what an earlier file loaded.
 *
 * Child processes rather than worker threads: the tsx hooks that NODE_OPTIONS registers reach
 * child processes, not Node 20's worker threads. With --runInBand the files run in this
 * process, so tsx is registered here too.
 */
import { createRunner } from 'jest-light-runner';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register as registerModules } from 'tsx/esm/api';

process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--import tsx'].filter(Boolean).join(' ');

const LightRunner = createRunner({ runtime: 'child_process' });

export default class TypeScriptLightRunner extends LightRunner {
  constructor(globalConfig, ...rest) {
    super(globalConfig, ...rest);
    // jest-light-runner runs the files in jest's own process when there is one worker.
    if (globalConfig.maxWorkers === 1) {
      registerCommonJs();
      registerModules();
    }
  }
}
