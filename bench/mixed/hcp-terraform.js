'use strict';
/** HCP Terraform in the mixed workload: plan and apply roles of a workspace; the shape is described in github.js. */
module.exports = {
  name: 'hcp-terraform',
  issuer: 'app.terraform.io',
  audience: 'aws.workload.identity',
  choices: [
    { kind: 'plan', pattern: false },
    { kind: 'apply', pattern: false },
  ],
  provider: (m, stack, id, create) => (create ? new m.HcpTerraformOidcProvider(stack, id) : m.HcpTerraformOidcProvider.fromAccount(stack, id)),
  subject: (m, role, c) => m.HcpTerraformWorkspace.of(role.owner, 'Default Project', role.repo)[c.kind](),
  claim: (role, c) => `organization:${role.owner}:project:Default Project:workspace:${role.repo}:run_phase:${c.kind}`,
};
