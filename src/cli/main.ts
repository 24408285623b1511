#!/usr/bin/env node
// The `cdk-ci-oidc` command (package.json "bin"): node built-ins and the audit core only.
import { main } from './report';

// A reader that stops early (`| head`) is no error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    throw error;
  }
});

process.exitCode = main(process.argv.slice(2));
