#!/usr/bin/env node
// The `cdk-ci-oidc` command (package.json "bin"): `report` and `explain`, with node built-ins and the audit core only.
import { explain } from './explain';
import { main, PROCESS_IO } from './report';

// A reader that stops early (`| head`) is no error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    throw error;
  }
});

const argv = process.argv.slice(2);
process.exitCode = argv[0] === 'explain' ? explain(argv.slice(1), PROCESS_IO) : main(argv);
