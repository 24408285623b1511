'use strict';
/**
 * The platforms of the mixed workload, one line each: a new platform is a file next to this one
 * (see github.js for the shape) and its line here.
 */
module.exports = [
  require('./github'),
  require('./gitlab'),
  require('./circleci'),
  require('./bitbucket'),
  require('./hcp-terraform'),
  require('./buildkite'),
  require('./generic'),
];
