import { App, Annotations as CoreAnnotations, aws_iam as iam, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CiDeployRole, CiOidcPrincipal, CiSubject, GitHubOidcProvider, GitHubRepository, GitLabGroup, GitLabIssuer, GitLabOidcProvider, GitLabProject, GitLabSubject, GitLabSubjectFormat, ICiOidcProvider } from '../../src';
import { gitLabIssuerOf } from '../fixtures/issuers';

const SELF_MANAGED = 'https://gitlab.example.com';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

/** The `Condition` blocks of a role's trust statements, in order. */
function conditionsOf(role: iam.Role): unknown[] {
  const stack = Stack.of(role);
  const logicalId = stack.getLogicalId(role.node.defaultChild as CfnElement);
  const statements = Template.fromStack(stack).toJSON().Resources[logicalId].Properties.AssumeRolePolicyDocument.Statement;
  return statements.map((statement: { Condition: unknown }) => statement.Condition);
}

/** A role of one subject on a provider, in a fresh stack. */
function roleFor(subject: CiSubject, options: { url?: string; requireProtectedRef?: boolean } = {}): CiDeployRole {
  const stack = newStack();
  const provider = new GitLabOidcProvider(stack, 'GitLab', { issuer: gitLabIssuerOf(options.url) });
  return new CiDeployRole(stack, 'Role', { provider, subjects: [subject], requireProtectedRef: options.requireProtectedRef });
}

describe('GitLab trust conditions on gitlab.com', () => {
  test.each<[string, () => CiSubject, unknown]>([
    ['a project branch', () => GitLabProject.of('acme-group/platform/api').branch('main'), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:sub': 'project_path:acme-group/platform/api:ref_type:branch:ref:main' },
    }],
    ['a project tag', () => GitLabProject.of('acme-group/api').tag('v1.2.3'), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:sub': 'project_path:acme-group/api:ref_type:tag:ref:v1.2.3' },
    }],
    ['a project branch pattern', () => GitLabProject.of('acme-group/api').branch('release/*'), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'gitlab.com:sub': 'project_path:acme-group/api:ref_type:branch:ref:release/*' },
    }],
    ['a project tag pattern', () => GitLabProject.of('acme-group/api').tag('v*'), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'gitlab.com:sub': 'project_path:acme-group/api:ref_type:tag:ref:v*' },
    }],
    ['any ref of a project', () => GitLabProject.of('acme-group/api').anyRef(), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'gitlab.com:sub': 'project_path:acme-group/api:ref_type:*' },
    }],
    ['a project with its id pinned', () => GitLabProject.of('acme-group/api', { projectId: 4242 }).branch('main'), {
      StringEquals: {
        'gitlab.com:aud': 'sts.amazonaws.com',
        'gitlab.com:project_id': '4242',
        'gitlab.com:sub': 'project_path:acme-group/api:ref_type:branch:ref:main',
      },
    }],
    ['a project_id subject', () => GitLabProject.of('acme-group/api', { projectId: 4242, subjectFormat: GitLabSubjectFormat.PROJECT_ID }).tag('v1'), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:sub': 'project_id:4242:ref_type:tag:ref:v1' },
    }],
    ['a group branch', () => GitLabGroup.of('acme-group').branch('main'), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'gitlab.com:sub': 'project_path:acme-group/*:ref_type:branch:ref:main' },
    }],
    ['a group with its namespace id pinned', () => GitLabGroup.of('acme-group', { namespaceId: 1234 }).tag('v*'), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:namespace_id': '1234' },
      StringLike: { 'gitlab.com:sub': 'project_path:acme-group/*:ref_type:tag:ref:v*' },
    }],
    ['any ref of a group', () => GitLabGroup.of('acme-group').anyRef(), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'gitlab.com:sub': 'project_path:acme-group/*:ref_type:*' },
    }],
    ['a raw exact claim', () => GitLabSubject.fromClaim('project_path:acme-group/api:ref:main'), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:sub': 'project_path:acme-group/api:ref:main' },
    }],
    ['a raw pattern claim', () => GitLabSubject.fromClaim('project_id:4242:*'), {
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'gitlab.com:sub': 'project_id:4242:*' },
    }],
  ])('%s', (_name, subject, condition) => {
    expect(conditionsOf(roleFor(subject()))).toEqual([condition]);
  });

  test('requireProtectedRef adds ref_protected = "true" to every statement', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitLabOidcProvider(stack, 'GitLab');
    const project = GitLabProject.of('acme-group/api', { projectId: 4242 });

    // WHEN
    const role = new CiDeployRole(stack, 'Role', {
      provider, requireProtectedRef: true, subjects: [project.branch('main'), project.tag('v*')],
    });

    // THEN
    expect(conditionsOf(role)).toEqual([
      {
        StringEquals: {
          'gitlab.com:aud': 'sts.amazonaws.com',
          'gitlab.com:project_id': '4242',
          'gitlab.com:ref_protected': 'true',
          'gitlab.com:sub': 'project_path:acme-group/api:ref_type:branch:ref:main',
        },
      },
      {
        StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:project_id': '4242', 'gitlab.com:ref_protected': 'true' },
        StringLike: { 'gitlab.com:sub': 'project_path:acme-group/api:ref_type:tag:ref:v*' },
      },
    ]);
  });

  test('requireProtectedRef: false adds nothing', () => {
    expect(conditionsOf(roleFor(GitLabProject.of('acme/api').branch('main'), { requireProtectedRef: false }))).toEqual([{
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:main' },
    }]);
  });

  test('exact subjects of several projects share one statement; patterns get their own', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitLabOidcProvider(stack, 'GitLab');

    // WHEN
    const role = new CiDeployRole(stack, 'Role', {
      provider,
      subjects: [GitLabProject.of('acme/api').branch('main'), GitLabProject.of('acme/web').branch('main'), GitLabProject.of('acme/api').tag('v*')],
    });

    // THEN
    expect(conditionsOf(role)).toEqual([
      {
        StringEquals: {
          'gitlab.com:aud': 'sts.amazonaws.com',
          'gitlab.com:sub': ['project_path:acme/api:ref_type:branch:ref:main', 'project_path:acme/web:ref_type:branch:ref:main'],
        },
      },
      {
        StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'gitlab.com:sub': 'project_path:acme/api:ref_type:tag:ref:v*' },
      },
    ]);
  });

  test('an audience of its own', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitLabOidcProvider(stack, 'GitLab', { audience: 'aws.acme.example' });

    // WHEN
    const role = new CiDeployRole(stack, 'Role', { provider, subjects: [GitLabProject.of('acme/api').branch('main')] });

    // THEN
    expect(conditionsOf(role)).toEqual([{
      StringEquals: { 'gitlab.com:aud': 'aws.acme.example', 'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:main' },
    }]);
  });

  test('whole-group and any-ref subjects warn with stable ids', () => {
    // WHEN
    const role = roleFor(GitLabGroup.of('acme-group').anyRef());

    // THEN
    const annotations = Annotations.fromStack(Stack.of(role));
    annotations.hasWarning('/Stack/Role/Resource', Match.stringLikeRegexp("Every project of 'acme-group' and its subgroups.*\\[ack: cdk-ci-oidc:wholeGroupSubject\\]"));
    annotations.hasWarning('/Stack/Role/Resource', Match.stringLikeRegexp('any branch or tag may assume this role.*\\[ack: cdk-ci-oidc:anyRefSubject\\]'));
  });

  test('an acknowledged whole-group warning is not shown', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitLabOidcProvider(stack, 'GitLab');
    const role = new CiDeployRole(stack, 'Role', { provider });

    // WHEN
    CoreAnnotations.of(role).acknowledgeWarning('cdk-ci-oidc:wholeGroupSubject');
    role.addSubject(GitLabGroup.of('acme-group').branch('main'));

    // THEN
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('GitLab trust on a self-managed instance', () => {
  test('aud and sub only', () => {
    // WHEN
    const role = roleFor(GitLabProject.of('platform/api').branch('main'), { url: SELF_MANAGED });

    // THEN
    expect(conditionsOf(role)).toEqual([{
      StringEquals: { 'gitlab.example.com:aud': 'sts.amazonaws.com', 'gitlab.example.com:sub': 'project_path:platform/api:ref_type:branch:ref:main' },
    }]);
  });

  test('a project_id subject carries the id without a pin', () => {
    // WHEN
    const role = roleFor(GitLabProject.of('platform/api', { projectId: 42, subjectFormat: GitLabSubjectFormat.PROJECT_ID }).branch('main'), { url: SELF_MANAGED });

    // THEN
    expect(conditionsOf(role)).toEqual([{
      StringEquals: { 'gitlab.example.com:aud': 'sts.amazonaws.com', 'gitlab.example.com:sub': 'project_id:42:ref_type:branch:ref:main' },
    }]);
  });

  test('ids with pinIds: false serve no condition', () => {
    // WHEN
    const role = roleFor(GitLabGroup.of('platform', { namespaceId: 7, pinIds: false }).branch('main'), { url: SELF_MANAGED });

    // THEN
    expect(conditionsOf(role)).toEqual([{
      StringEquals: { 'gitlab.example.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'gitlab.example.com:sub': 'project_path:platform/*:ref_type:branch:ref:main' },
    }]);
  });

  test('fails if a project_path subject pins project_id', () => {
    expect(() => roleFor(GitLabProject.of('platform/api', { projectId: 42 }).branch('main'), { url: SELF_MANAGED })).toThrow(
      "Invalid claim pin of subject 'platform/api, branch main' 'project_id = 42': IAM receives no 'gitlab.example.com:project_id' condition key " +
      "from issuer 'gitlab.example.com' (it receives: aud, sub), so the role could never be assumed. " +
      "Allowed form: in GitLabProject.of('platform/api'), use subjectFormat: GitLabSubjectFormat.PROJECT_ID if the project's sub starts with 'project_id:', or set pinIds: false.",
    );
  });

  test('fails if a group pins namespace_id', () => {
    expect(() => roleFor(GitLabGroup.of('platform', { namespaceId: 7 }).branch('main'), { url: SELF_MANAGED })).toThrow(
      "'namespace_id = 7': IAM receives no 'gitlab.example.com:namespace_id' condition key from issuer 'gitlab.example.com' " +
      "(it receives: aud, sub), so the role could never be assumed. Allowed form: set pinIds: false in GitLabGroup.of('platform').",
    );
  });

  test('fails if requireProtectedRef is set', () => {
    expect(() => roleFor(GitLabProject.of('platform/api').branch('main'), { url: SELF_MANAGED, requireProtectedRef: true })).toThrow(
      "Invalid claim pin of the role 'ref_protected = true': IAM receives no 'gitlab.example.com:ref_protected' condition key " +
      "from issuer 'gitlab.example.com' (it receives: aud, sub), so the role could never be assumed. " +
      'Allowed form: remove requireProtectedRef: it works only with gitlab.com.',
    );
  });

  test('fails if an imported self-managed provider gets a pinned id', () => {
    // GIVEN
    const stack = newStack();
    const provider = GitLabOidcProvider.fromAccount(stack, 'GitLab', { issuer: GitLabIssuer.selfManaged(SELF_MANAGED) });

    // THEN
    expect(() => new CiOidcPrincipal(provider, { subjects: [GitLabProject.of('platform/api', { projectId: 42 }).tag('v1')] }))
      .toThrow("IAM receives no 'gitlab.example.com:project_id' condition key");
  });
});

describe('GitLab and GitHub side by side', () => {
  test('fails if a GitLab subject is given to a GitHub provider', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');

    // THEN
    expect(() => new CiDeployRole(stack, 'Role', { provider, subjects: [GitLabProject.of('acme/api').branch('main')] })).toThrow(
      "Invalid subject 'acme/api, branch main': it is a GITLAB_CI subject, but the provider for issuer 'token.actions.githubusercontent.com' is GITHUB_ACTIONS. Allowed form: a subject of the provider's platform, or a role per provider.",
    );
  });

  test('fails if a GitHub subject is given to a GitLab provider', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitLabOidcProvider(stack, 'GitLab');

    // THEN
    expect(() => new CiDeployRole(stack, 'Role', { provider, subjects: [GitHubRepository.of('acme/api').branch('main')] })).toThrow(
      "Invalid subject 'acme/api, branch main': it is a GITHUB_ACTIONS subject, but the provider for issuer 'gitlab.com' is GITLAB_CI. Allowed form: a subject of the provider's platform, or a role per provider.",
    );
  });

  test('fails if requireProtectedRef is set on a GitHub role', () => {
    // GIVEN
    const stack = newStack();
    const provider = new GitHubOidcProvider(stack, 'GitHub');

    // THEN
    expect(() => new CiDeployRole(stack, 'Role', { provider, requireProtectedRef: true, subjects: [GitHubRepository.of('acme/api').branch('main')] })).toThrow(
      "Invalid claim pin of the role 'ref_protected = true': IAM receives no 'token.actions.githubusercontent.com:ref_protected' condition key",
    );
  });

  test('gitlab.com, a self-managed instance and GitHub in one stack, each role on its own provider', () => {
    // GIVEN
    const stack = newStack();
    const gitlab = new GitLabOidcProvider(stack, 'GitLab');
    const selfManaged = new GitLabOidcProvider(stack, 'SelfManaged', { issuer: GitLabIssuer.selfManaged(SELF_MANAGED) });
    const github = new GitHubOidcProvider(stack, 'GitHub');

    // WHEN
    const roles = [
      new CiDeployRole(stack, 'GitLabRole', { provider: gitlab, requireProtectedRef: true, subjects: [GitLabProject.of('acme/api', { projectId: 1 }).branch('main')] }),
      new CiDeployRole(stack, 'SelfManagedRole', { provider: selfManaged, subjects: [GitLabProject.of('acme/api').branch('main')] }),
      new CiDeployRole(stack, 'GitHubRole', { provider: github, subjects: [GitHubRepository.of('acme/api').branch('main')] }),
    ];
    const custom = new iam.Role(stack, 'CustomRole', {
      assumedBy: new CiOidcPrincipal(selfManaged, { subjects: [GitLabGroup.of('acme').tag('v*')] }),
    });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::OIDCProvider', 3);
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://gitlab.com' });
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://gitlab.example.com' });
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://token.actions.githubusercontent.com' });
    const federated = (role: iam.Role) => {
      const logicalId = stack.getLogicalId(role.node.defaultChild as CfnElement);
      return template.toJSON().Resources[logicalId].Properties.AssumeRolePolicyDocument.Statement.map((s: any) => s.Principal.Federated);
    };
    expect(federated(roles[0])).toEqual([refOf(gitlab)]);
    expect(federated(roles[1])).toEqual([refOf(selfManaged)]);
    expect(federated(roles[2])).toEqual([refOf(github)]);
    expect(federated(custom)).toEqual([refOf(selfManaged)]);
    expect(conditionsOf(roles[0])).toEqual([{
      StringEquals: {
        'gitlab.com:aud': 'sts.amazonaws.com',
        'gitlab.com:project_id': '1',
        'gitlab.com:ref_protected': 'true',
        'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:main',
      },
    }]);
    expect(conditionsOf(roles[1])).toEqual([{
      StringEquals: { 'gitlab.example.com:aud': 'sts.amazonaws.com', 'gitlab.example.com:sub': 'project_path:acme/api:ref_type:branch:ref:main' },
    }]);
    expect(conditionsOf(roles[2])).toEqual([{
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/api:ref:refs/heads/main' },
    }]);
    expect(conditionsOf(custom)).toEqual([{
      StringEquals: { 'gitlab.example.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'gitlab.example.com:sub': 'project_path:acme/*:ref_type:tag:ref:v*' },
    }]);
  });

  test('two stacks of one app import the same gitlab.com provider', () => {
    // GIVEN
    const app = new App();
    const shared = new Stack(app, 'Shared');
    new GitLabOidcProvider(shared, 'GitLab');
    const team = new Stack(app, 'Team');

    // WHEN
    const provider = GitLabOidcProvider.fromAccount(team, 'GitLab');
    const role = new CiDeployRole(team, 'Role', { provider, subjects: [GitLabProject.of('acme/api').branch('main')] });

    // THEN
    Template.fromStack(team).resourceCountIs('AWS::IAM::OIDCProvider', 0);
    expect(conditionsOf(role)).toEqual([{
      StringEquals: { 'gitlab.com:aud': 'sts.amazonaws.com', 'gitlab.com:sub': 'project_path:acme/api:ref_type:branch:ref:main' },
    }]);
  });
});

describe('GitLab role snapshots', () => {
  type RoleProps = Partial<{ subjects: CiSubject[]; requireProtectedRef: boolean }>;
  test.each<[string, (stack: Stack) => ICiOidcProvider, (provider: ICiOidcProvider) => RoleProps]>([
    ['gitlab.com protected branch with pinned project id', (s) => new GitLabOidcProvider(s, 'GitLab'), () => ({
      requireProtectedRef: true, subjects: [GitLabProject.of('acme-group/platform/api', { projectId: 4242 }).branch('main')],
    })],
    ['gitlab.com release tags of a group', (s) => new GitLabOidcProvider(s, 'GitLab'), () => ({
      subjects: [GitLabGroup.of('acme-group', { namespaceId: 1234 }).tag('v*')],
    })],
    ['self-managed project_id subject', (s) => new GitLabOidcProvider(s, 'GitLab', { issuer: GitLabIssuer.selfManaged(SELF_MANAGED) }), () => ({
      subjects: [GitLabProject.of('platform/api', { projectId: 42, subjectFormat: GitLabSubjectFormat.PROJECT_ID }).branch('main')],
    })],
    ['imported gitlab.com provider', (s) => GitLabOidcProvider.fromAccount(s, 'GitLab'), () => ({
      subjects: [GitLabProject.of('acme/api').branch('main'), GitLabProject.of('acme/api').branch('hotfix/*')],
    })],
  ])('%s', (_name, makeProvider, props) => {
    // GIVEN
    const stack = newStack();
    const provider = makeProvider(stack);

    // WHEN
    new CiDeployRole(stack, 'DeployRole', { provider, ...props(provider) });

    // THEN
    expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
  });
});

function refOf(provider: ICiOidcProvider): { Ref: string } {
  return Stack.of(provider).resolve(provider.oidcProviderArn);
}
