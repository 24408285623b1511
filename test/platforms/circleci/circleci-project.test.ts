import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CiDeployRole, CiPlatform, CircleCiOidcProvider, CircleCiOrganization, CircleCiProject, GitHubRepository } from '../../../src';
import { ORG, PROJECT } from '../../fixtures/tokens/circleci-token';

const ANY_USER = '????????-????-????-????-????????????';
const PREFIX = `org/${ORG}/project/${PROJECT}/user/`;
const ISSUER = `oidc.circleci.com/org/${ORG}`;
const api = CircleCiProject.of({ organizationId: ORG, projectId: PROJECT, vcsOrigin: 'github.com/acme/api' });

describe('CircleCiProject subjects', () => {
  test('branch: the V2 sub with one UUID for the user, the project id pinned', () => {
    // WHEN
    const subject = api.branch('main');

    // THEN
    expect(subject.platform).toBe(CiPlatform.CIRCLECI);
    expect(subject.subjectClaims).toEqual([`${PREFIX}${ANY_USER}/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main`]);
    expect(subject.isPattern).toBe(true);
    expect(subject.pinnedClaims).toEqual({ 'oidc.circleci.com/project-id': PROJECT });
    expect(subject.description).toBe(`CircleCI project ${PROJECT} (github.com/acme/api), branch main`);
    expect(subject._spec.risks).toEqual([]);
    expect(subject._spec.context).toEqual({ kind: 'branch', name: 'main' });
  });

  test('tag, branch pattern and tag pattern', () => {
    expect(api.tag('v1.2.3').subjectClaims).toEqual([`${PREFIX}${ANY_USER}/vcs-origin/github.com/acme/api/vcs-ref/refs/tags/v1.2.3`]);
    expect(api.branch('release/*').subjectClaims).toEqual([`${PREFIX}${ANY_USER}/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/release/*`]);
    expect(api.branch('release/*')._spec.context).toEqual({ kind: 'branch', pattern: 'release/*' });
    expect(api.tag('v*')._spec.risks).toEqual([]);
  });

  test('every branch or tag is warned', () => {
    expect(api.branch('*')._spec.risks).toEqual([
      { id: 'cdk-ci-oidc:anyBranch', message: `CircleCI project ${PROJECT} (github.com/acme/api): every branch matches, so anyone who can push a branch can assume this role.` },
    ]);
    expect(api.tag('*')._spec.risks.map((r) => r.id)).toEqual(['cdk-ci-oidc:anyTag']);
    expect(api.anyRef().subjectClaims).toEqual([`${PREFIX}${ANY_USER}/vcs-origin/github.com/acme/api/vcs-ref/*`]);
    expect(api.anyRef()._spec.risks).toEqual([{
      id: 'cdk-ci-oidc:anyRefSubject',
      message: `CircleCI project ${PROJECT} (github.com/acme/api): any branch or tag may assume this role, so anyone who can push a branch can.`,
    }]);
  });

  test('anyJob: user/*, which both tokens match, warned; no origin needed', () => {
    // WHEN
    const subject = CircleCiProject.of({ organizationId: ORG, projectId: PROJECT }).anyJob();

    // THEN
    expect(subject.subjectClaims).toEqual([`${PREFIX}*`]);
    expect(subject._spec.risks).toEqual([{
      id: 'cdk-ci-oidc:anyRefSubject',
      message: `CircleCI project ${PROJECT}: every job may assume this role, so anyone who can push a branch can.`,
    }]);
  });

  test('pinProjectId: false leaves the sub alone to name the project', () => {
    expect(CircleCiProject.of({ organizationId: ORG, projectId: PROJECT, vcsOrigin: 'github.com/acme/api', pinProjectId: false }).branch('main').pinnedClaims).toEqual({});
  });

  test('the organization: its projects, or every job of every project, warned twice', () => {
    // WHEN
    const organization = CircleCiOrganization.of(ORG);
    const whole = organization.anyJob();

    // THEN
    expect(organization.project(PROJECT, { vcsOrigin: 'github.com/acme/api' }).branch('main').subjectClaims).toEqual(api.branch('main').subjectClaims);
    expect(whole.subjectClaims).toEqual([`org/${ORG}/project/*`]);
    expect(whole.pinnedClaims).toEqual({});
    expect(whole._spec.risks.map((r) => r.id)).toEqual(['cdk-ci-oidc:wholeOrganizationSubject', 'cdk-ci-oidc:anyRefSubject']);
    expect(whole._spec.risks[0].message).toBe(`Every project of '${ORG}', including ones created later, may assume this role.`);
  });

  test('fails if a branch subject has no origin', () => {
    expect(() => CircleCiProject.of({ organizationId: ORG, projectId: PROJECT }).branch('main')).toThrow(
      `Invalid CircleCiProject.of('${PROJECT}').branch() 'main': the project has no vcsOrigin, and branch and tag subjects match the origin in the sub of ` +
      "$CIRCLE_OIDC_TOKEN_V2. Allowed form: CircleCiProject.of({ ..., vcsOrigin: 'github.com/acme/api' }), or anyJob() for every job of the project.",
    );
  });

  test.each([
    ['https://github.com/acme/api', "it has a scheme; CircleCI writes the origin without one ('github.com/acme/api')"],
    ['github.com/acme/*', 'it contains a wildcard, and the origin names the repository'],
    ['github.com', "it is not a host followed by the repository's path ('github.com/<owner>/<repository>')"],
    ['github.com/acme/api/', "it is not a host followed by the repository's path ('github.com/<owner>/<repository>')"],
    ['github.com/acme/../evil', "it is not a host followed by the repository's path ('github.com/<owner>/<repository>')"],
    ['GitHub.com/acme/api', "its host 'GitHub.com' is not a lowercase DNS name"],
    ['github.com/acme/${aws:username}', "it contains '${', which IAM reads as a policy variable"],
  ])('fails if the origin is %j', (vcsOrigin, why) => {
    expect(() => CircleCiProject.of({ organizationId: ORG, projectId: PROJECT, vcsOrigin })).toThrow(
      `Invalid CircleCiProject.of('${PROJECT}') vcsOrigin '${vcsOrigin}': ${why}. ` +
      "Allowed form: the repository as CircleCI writes it, host and path without a scheme, e.g. 'github.com/acme/api'.",
    );
  });

  test('fails if an id is not a lowercase UUID, or a ref is a full ref', () => {
    expect(() => CircleCiProject.of({ organizationId: ORG, projectId: '*' })).toThrow(
      "Invalid CircleCiProject.of(props) projectId '*': it is not a UUID. Allowed form: a UUID in lowercase, e.g. 'aa1b2c3d-1111-4a2b-8c3d-0123456789ab' " +
      '(Project Settings > Overview in the CircleCI web app).',
    );
    expect(() => CircleCiOrganization.of('acme')).toThrow("Invalid CircleCiOrganization.of(organizationId) 'acme': it is not a UUID.");
    expect(() => api.branch('refs/heads/main')).toThrow(
      `Invalid CircleCiProject.of('${PROJECT}').branch(branch) 'refs/heads/main': it is a full ref; give the short name ('main', not 'refs/heads/main').`,
    );
    expect(() => api.branch('a:b')).toThrow(`Invalid CircleCiProject.of('${PROJECT}').branch(branch) 'a:b': git does not allow it in a ref name.`);
  });
});

describe('CiDeployRole with CircleCI subjects', () => {
  test('the whole trust policy: aud and project-id StringEquals, the sub patterns StringLike, one statement', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const provider = new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG });

    // WHEN
    new CiDeployRole(stack, 'Role', { provider, subjects: [api.branch('main'), api.tag('v*')] });

    // THEN
    const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
    expect(Object.values(roles)[0].Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: { Ref: 'CircleCiDD80F88A' } },
        Condition: {
          StringEquals: { [`${ISSUER}:aud`]: ORG, [`${ISSUER}:oidc.circleci.com/project-id`]: PROJECT },
          StringLike: {
            [`${ISSUER}:sub`]: [
              `${PREFIX}${ANY_USER}/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main`,
              `${PREFIX}${ANY_USER}/vcs-origin/github.com/acme/api/vcs-ref/refs/tags/v*`,
            ],
          },
        },
      }],
    });
  });

  test('a whole organization and an unpinned project land in their own statement; the warnings are on the role', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const provider = CircleCiOidcProvider.fromAccount(stack, 'CircleCi', { organizationId: ORG });

    // WHEN
    new CiDeployRole(stack, 'Role', { provider, subjects: [api.branch('main'), CircleCiOrganization.of(ORG).anyJob()] });

    // THEN
    const document = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties.AssumeRolePolicyDocument;
    expect(document.Statement.map((s: any) => s.Condition)).toEqual([
      {
        StringEquals: { [`${ISSUER}:aud`]: ORG, [`${ISSUER}:oidc.circleci.com/project-id`]: PROJECT },
        StringLike: { [`${ISSUER}:sub`]: `${PREFIX}${ANY_USER}/vcs-origin/github.com/acme/api/vcs-ref/refs/heads/main` },
      },
      { StringEquals: { [`${ISSUER}:aud`]: ORG }, StringLike: { [`${ISSUER}:sub`]: `org/${ORG}/project/*` } },
    ]);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
    expect(warnings).toEqual([
      `Every project of '${ORG}', including ones created later, may assume this role. [Stack/Role] [ack: cdk-ci-oidc:wholeOrganizationSubject]`,
      `CircleCI organization ${ORG}: every job may assume this role, so anyone who can push a branch can. [Stack/Role] [ack: cdk-ci-oidc:anyRefSubject]`,
    ]);
  });

  test("fails if the subject names another organization than the provider's", () => {
    const stack = new Stack(new App(), 'Stack');
    const provider = new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG });
    const other = CircleCiProject.of({ organizationId: 'aa1b2c3d-1111-4a2b-8c3d-0123456789ac', projectId: PROJECT, vcsOrigin: 'github.com/acme/api' });
    expect(() => new CiDeployRole(stack, 'Role', { provider, subjects: [other.branch('main')] })).toThrow(
      `Invalid subject 'CircleCI project ${PROJECT} (github.com/acme/api), branch main': it cannot match tokens of issuer '${ISSUER}': it names another organization ` +
      `than the issuer's, ${ORG}, and CircleCI writes the issuer's organization into every sub. Allowed form: a subject of the provider's tenant, or its provider.`,
    );
  });

  test('fails if a GitHub subject is given to a CircleCI provider', () => {
    const stack = new Stack(new App(), 'Stack');
    const provider = new CircleCiOidcProvider(stack, 'CircleCi', { organizationId: ORG });
    expect(() => new CiDeployRole(stack, 'Role', { provider, subjects: [GitHubRepository.of('acme/api').branch('main')] })).toThrow(
      `Invalid subject 'acme/api, branch main': it is a GITHUB_ACTIONS subject, but the provider for issuer '${ISSUER}' is CIRCLECI. Allowed form: a subject of the provider's platform, or a role per provider.`,
    );
  });
});
