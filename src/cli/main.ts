#!/usr/bin/env node
// The `cdk-ci-oidc` command (package.json "bin"): node built-ins and the audit core only.
import { main } from './report';

process.exitCode = main(process.argv.slice(2));
