import { CiPlatform, HcpTerraformProject, HcpTerraformWorkspace } from '../../../src';

const riskIds = (subject: { _spec: { risks: Array<{ id: string }> } }) => subject._spec.risks.map((risk) => risk.id);

describe('HcpTerraformWorkspace', () => {
  const network = HcpTerraformWorkspace.of('acme', 'Default Project', 'network');

  test('plan and apply are exact subjects of their own, without risks', () => {
    // WHEN
    const plan = network.plan();
    const apply = network.apply();

    // THEN
    expect(plan.platform).toBe(CiPlatform.HCP_TERRAFORM);
    expect(plan.subjectClaims).toEqual(['organization:acme:project:Default Project:workspace:network:run_phase:plan']);
    expect(apply.subjectClaims).toEqual(['organization:acme:project:Default Project:workspace:network:run_phase:apply']);
    expect([plan.isPattern, apply.isPattern]).toEqual([false, false]);
    expect(plan.pinnedClaims).toEqual({});
    expect(plan.description).toBe('acme/Default Project/network, plan phase');
    expect(apply.description).toBe('acme/Default Project/network, apply phase');
    expect([riskIds(plan), riskIds(apply)]).toEqual([[], []]);
    expect([network.organization, network.project, network.workspace]).toEqual(['acme', 'Default Project', 'network']);
  });

  test('anyRunPhase is a pattern on the phase only, warned', () => {
    // WHEN
    const any = network.anyRunPhase();

    // THEN
    expect(any.subjectClaims).toEqual(['organization:acme:project:Default Project:workspace:network:run_phase:*']);
    expect(any.isPattern).toBe(true);
    expect(riskIds(any)).toEqual(['cdk-ci-oidc:anyRunPhase']);
    expect(any._spec.risks[0].message).toBe('acme/Default Project/network: both the plan and the apply phase may assume this role, and plan runs for ' +
      'speculative plans of pull requests too, with code nobody has reviewed yet; give the plan phase a read-only role of its own (plan()) ' +
      'and the apply phase another (apply()).');
  });

  test('boundary: a project name of 3 and of 40 characters passes, 2 and 41 fail', () => {
    expect(HcpTerraformWorkspace.of('acme', 'abc', 'w').apply().subjectClaims).toEqual(['organization:acme:project:abc:workspace:w:run_phase:apply']);
    expect(() => HcpTerraformWorkspace.of('acme', 'a'.repeat(40), 'w')).not.toThrow();
    for (const project of ['ab', 'a'.repeat(41)]) {
      expect(() => HcpTerraformWorkspace.of('acme', project, 'w')).toThrow(`Invalid HcpTerraformWorkspace.of() project '${project}': ` +
        "HCP Terraform does not allow it as a name. Allowed form: 3 to 40 of letters, digits, spaces, '-' and '_', not starting or ending with a space, e.g. 'Default Project'.");
    }
  });

  test('boundary: a workspace name of 90 characters passes, 91 fails', () => {
    expect(() => HcpTerraformWorkspace.of('acme', 'Default Project', 'w'.repeat(90))).not.toThrow();
    expect(() => HcpTerraformWorkspace.of('acme', 'Default Project', 'w'.repeat(91))).toThrow(
      `Invalid HcpTerraformWorkspace.of() workspace '${'w'.repeat(91)}': HCP Terraform does not allow it as a name. ` +
      "Allowed form: 1 to 90 of letters, digits, '-' and '_', e.g. 'network-prod'.");
  });

  test.each([
    ['organization', ['ac*me', 'Default Project', 'network'], "it contains '*' or '?': names are never patterns"],
    ['organization', ['acme:evil', 'Default Project', 'network'], "it contains ':', which separates the parts of HCP Terraform's sub claim"],
    ['organization', ['', 'Default Project', 'network'], 'it is empty'],
    ['organization', ['acme evil', 'Default Project', 'network'], 'HCP Terraform does not allow it as a name'],
    ['project', ['acme', 'Default*', 'network'], "it contains '*' or '?': names are never patterns"],
    ['project', ['acme', 'Default:Project', 'network'], "it contains ':', which separates the parts of HCP Terraform's sub claim"],
    ['project', ['acme', ' Default Project', 'network'], 'HCP Terraform does not allow it as a name'],
    ['project', ['acme', '${aws:username}', 'network'], "it contains '${', which IAM reads as a policy variable"],
    ['workspace', ['acme', 'Default Project', 'net?ork'], "it contains '*' or '?': names are never patterns"],
    ['workspace', ['acme', 'Default Project', 'network:run_phase:apply'], "it contains ':', which separates the parts of HCP Terraform's sub claim"],
    ['workspace', ['acme', 'Default Project', 'net work'], 'HCP Terraform does not allow it as a name'],
    ['workspace', ['acme', 'Default Project', 'n\u20acw'], "it contains '\u20ac' (U+20AC), outside Latin-1"],
  ])('fails if the %s is bad: %p', (property, [organization, project, workspace], problem) => {
    const value = { organization, project, workspace }[property as 'organization' | 'project' | 'workspace'];
    expect(() => HcpTerraformWorkspace.of(organization, project, workspace)).toThrow(`Invalid HcpTerraformWorkspace.of() ${property} '${value}': ${problem}`);
  });

  test('fails if a name is not a string (a JavaScript caller)', () => {
    expect(() => HcpTerraformWorkspace.of('acme', 42 as unknown as string, 'network')).toThrow(
      "Invalid HcpTerraformWorkspace.of() project '42': it is a number, not a string.");
  });
});

describe('HcpTerraformProject', () => {
  test('every workspace of a project, per phase, warned as a whole-project trust', () => {
    // WHEN
    const plan = HcpTerraformProject.of('acme', 'Networking').plan();

    // THEN
    expect(plan.subjectClaims).toEqual(['organization:acme:project:Networking:workspace:*:run_phase:plan']);
    expect(plan.isPattern).toBe(true);
    expect(plan.description).toBe('every workspace of acme/Networking, plan phase');
    expect(riskIds(plan)).toEqual(['cdk-ci-oidc:wholeProjectSubject']);
    expect(plan._spec.risks[0].message).toBe("Every workspace of project 'Networking' of 'acme', including ones created later, may assume this role; " +
      "prefer HcpTerraformWorkspace.of('acme', 'Networking', '<workspace>').");
  });

  test('any phase of every workspace carries both warnings', () => {
    expect(riskIds(HcpTerraformProject.of('acme', 'Networking').anyRunPhase())).toEqual(['cdk-ci-oidc:wholeProjectSubject', 'cdk-ci-oidc:anyRunPhase']);
  });

  test('fails if the project is a pattern', () => {
    expect(() => HcpTerraformProject.of('acme', '*')).toThrow("Invalid HcpTerraformProject.of() project '*': it contains '*' or '?'");
  });
});
