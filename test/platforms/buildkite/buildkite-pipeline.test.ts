import { BuildkitePipeline, BuildkiteSubject, CiPlatform } from '../../../src';

const ORG_ID = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';
const PIPELINE_ID = '0190a3b4-aaaa-7e8f-9a0b-1c2d3e4f5a6b';
const riskIds = (subject: { _spec: { risks: Array<{ id: string }> } }) => subject._spec.risks.map((risk) => risk.id);

describe('BuildkitePipeline', () => {
  const pipeline = BuildkitePipeline.of('acme-inc', 'deploy-app', { organizationId: ORG_ID, pipelineId: PIPELINE_ID });

  test('a branch: a pattern over commit and step only, with the ids and build_branch pinned', () => {
    // WHEN
    const main = pipeline.branch('main');

    // THEN
    expect(main.platform).toBe(CiPlatform.BUILDKITE);
    expect(main.subjectClaims).toEqual(['organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:*']);
    expect(main.isPattern).toBe(true);
    expect(main.pinnedClaims).toEqual({ organization_id: ORG_ID, pipeline_id: PIPELINE_ID, build_branch: 'main' });
    expect(main.description).toBe('acme-inc/deploy-app, branch main');
    expect(riskIds(main)).toEqual([]);
  });

  test('a branch pattern pins no build_branch (the sub decides); a tag neither', () => {
    // WHEN
    const release = pipeline.branch('release/*');
    const tags = BuildkitePipeline.of('acme-inc', 'deploy-app').tag('v*');

    // THEN
    expect(release.subjectClaims).toEqual(['organization:acme-inc:pipeline:deploy-app:ref:refs/heads/release/*:commit:*:step:*']);
    expect(release.pinnedClaims).toEqual({ organization_id: ORG_ID, pipeline_id: PIPELINE_ID });
    expect(tags.subjectClaims).toEqual(['organization:acme-inc:pipeline:deploy-app:ref:refs/tags/v*:commit:*:step:*']);
    expect(tags.pinnedClaims).toEqual({});
    expect([riskIds(release), riskIds(tags)]).toEqual([[], []]);
  });

  test.each([
    [() => pipeline.anyRef(), 'organization:acme-inc:pipeline:deploy-app:ref:*', ['cdk-ci-oidc:anyRefSubject']],
    [() => pipeline.branch('*'), 'organization:acme-inc:pipeline:deploy-app:ref:refs/heads/*:commit:*:step:*', ['cdk-ci-oidc:anyBranch']],
    [() => pipeline.tag('*'), 'organization:acme-inc:pipeline:deploy-app:ref:refs/tags/*:commit:*:step:*', ['cdk-ci-oidc:anyTag']],
  ])('risky subjects warn: %#', (make, claim, ids) => {
    const subject = make();
    expect(subject.subjectClaims).toEqual([claim]);
    expect(riskIds(subject)).toEqual(ids);
  });

  test.each([
    ['organization', ['acme*', 'deploy-app'], "it contains '*' or '?': slugs are never patterns", "an organization slug of lowercase letters, digits and inner '-', e.g. 'acme-inc'"],
    ['organization', ['Acme', 'deploy-app'], 'it is not a Buildkite slug', "an organization slug of lowercase letters, digits and inner '-', e.g. 'acme-inc'"],
    ['organization', ['acme:evil', 'deploy-app'], 'it is not a Buildkite slug', "an organization slug of lowercase letters, digits and inner '-', e.g. 'acme-inc'"],
    ['pipeline', ['acme-inc', '-deploy'], 'it is not a Buildkite slug', "a pipeline slug of lowercase letters, digits and inner '-', e.g. 'deploy-app'"],
    ['pipeline', ['acme-inc', ''], 'it is empty', "a pipeline slug of lowercase letters, digits and inner '-', e.g. 'deploy-app'"],
    ['pipeline', ['acme-inc', 'deploy?'], "it contains '*' or '?': slugs are never patterns", "a pipeline slug of lowercase letters, digits and inner '-', e.g. 'deploy-app'"],
  ])('fails if the %s slug is bad: %p', (property, [organization, slug], problem, form) => {
    const value = property === 'organization' ? organization : slug;
    expect(() => BuildkitePipeline.of(organization, slug)).toThrow(`Invalid BuildkitePipeline.of(${property}) '${value}': ${problem}. Allowed form: ${form}.`);
  });

  test.each(['0190A3B4-5C6D-7E8F-9A0B-1C2D3E4F5A6B', 'acme-inc', '*', '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6'])('fails if an id is not a lowercase UUID: %p', (id) => {
    expect(() => BuildkitePipeline.of('acme-inc', 'deploy-app', { organizationId: id })).toThrow(
      `Invalid BuildkitePipeline.of('acme-inc', 'deploy-app') organizationId '${id}': it is not a lowercase UUID. ` +
      "Allowed form: a lowercase UUID, e.g. '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b' (the organization's or pipeline's settings, or the GraphQL API).");
  });

  test.each([
    ['refs/heads/main', "it is a full ref; give the short name ('main', not 'refs/heads/main')"],
    ['main:commit:x', 'git does not allow it in a ref name'],
    ['${aws:username}', "it contains '${', which IAM reads as a policy variable"],
  ])('fails if the branch is %p', (branch, problem) => {
    expect(() => pipeline.branch(branch)).toThrow(`Invalid BuildkitePipeline.of('acme-inc', 'deploy-app').branch(branch) '${branch}': ${problem}`);
  });
});

describe('BuildkiteSubject.fromClaim', () => {
  test.each([
    ['organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:deploy', ['cdk-ci-oidc:rawPatternSubject']],
    // The '*' in the pipeline's place spans ':ref:refs/tags/...' too, and a step key may spell ':ref:refs/heads/main:commit:...' after it:
    // what the value matches decides, so a tag build of any pipeline is admitted as well.
    ['organization:acme-inc:pipeline:*:ref:refs/heads/main:commit:*:step:*',
      ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:wholeOrganizationSubject', 'cdk-ci-oidc:refTypeNotFixed']],
    ['organization:acme-inc:*', ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:wholeOrganizationSubject', 'cdk-ci-oidc:anyRefSubject']],
    ['organization:acme-inc:pipeline:deploy-app:ref:refs/*', ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:anyRefSubject']],
    ['organization:acme-inc:pipeline:deploy-app:ref:*main*', ['cdk-ci-oidc:rawPatternSubject', 'cdk-ci-oidc:refTypeNotFixed']],
  ])('a pattern after a complete organization is accepted and warned by what it matches: %p', (sub, ids) => {
    const subject = BuildkiteSubject.fromClaim(sub);
    expect(subject.isPattern).toBe(true);
    expect(subject.pinnedClaims).toEqual({});
    expect(riskIds(subject)).toEqual(ids);
  });

  test('an exact claim admits the jobs of one commit and step', () => {
    const subject = BuildkiteSubject.fromClaim('organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:9f31:step:deploy');
    expect(subject.isPattern).toBe(false);
    expect(riskIds(subject)).toEqual([]);
  });

  const FORM = "Allowed form: a Buildkite subject claim such as 'organization:acme-inc:pipeline:deploy-app:ref:refs/heads/main:commit:*:step:*'.";
  test.each([
    ['organization:Acme:pipeline:deploy-app:ref:*', "it names no complete literal organization slug followed by ':', so it matches the jobs of other organizations " +
      "on the shared issuer (IAM's identity-provider controls require the organization for it). " + FORM],
    ['organization:acme-inc:pipeline:deploy-*:ref:*', "it has a wildcard inside 'deploy-*', so it matches other names that merely look alike (e.g. 'acme*' matches " +
      "'acme-evil'); only '*' for a whole name after its key ('pipeline:*') or for everything after the organization is allowed. " + FORM],
    ['pipeline:deploy-app:ref:refs/heads/main', "it does not start with 'organization:', as every Buildkite subject does. " + FORM],
    ['organization:acme-inc:project:Default Project:workspace:network:run_phase:apply', 'it matches no job of Buildkite ' +
      "('organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha>:step:<key>'), so no token carries it. " + FORM],
  ])('fails if the claim is %p', (sub, message) => {
    expect(() => BuildkiteSubject.fromClaim(sub)).toThrow(`Invalid BuildkiteSubject.fromClaim(sub) '${sub}': ${message}`);
  });

  test.each(['organization:*', 'organization:acme*:pipeline:deploy-app:ref:*'])('fails if the organization is a pattern: %p', (sub) => {
    expect(() => BuildkiteSubject.fromClaim(sub)).toThrow(`Invalid BuildkiteSubject.fromClaim(sub) '${sub}': its fixed part before the first wildcard`);
  });
});
